"""Dtype policies: the compute and variable dtypes of a layer (Keras 3 ``DTypePolicy``)."""

from kerasx import config, dtypes

_GLOBAL = {"policy": None}


class DTypePolicy:
    """Which dtype a layer computes in and stores its variables in.

    Args:
        name: a dtype name (``"float32"``...) or ``"mixed_float16"`` /
            ``"mixed_bfloat16"`` (compute in 16 bits, variables in float32).
            None means ``floatx()``.

    Example:
        >>> p = DTypePolicy("mixed_float16")
        >>> p.compute_dtype, p.variable_dtype
        ('float16', 'float32')
    """

    def __init__(self, name=None):
        if name is None:
            name = config.floatx()
        if not isinstance(name, str):
            raise TypeError(f"DTypePolicy: name must be a string, got {name!r}.")
        if name in ("mixed_float16", "mixed_bfloat16"):
            self._compute = name.split("_", 1)[1]
            self._variable = "float32"
        else:
            try:
                self._compute = self._variable = dtypes.standardize_dtype(name)
            except ValueError:
                raise ValueError(
                    f"DTypePolicy: unknown policy name {name!r}; expected a dtype name such as "
                    "'float32' or 'mixed_float16' / 'mixed_bfloat16'."
                ) from None
            name = self._compute
        self._name = name

    @property
    def name(self):
        return self._name

    @property
    def compute_dtype(self):
        return self._compute

    @property
    def variable_dtype(self):
        return self._variable

    @property
    def quantization_mode(self):
        return None

    def get_config(self):
        return {"name": self._name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f'<DTypePolicy "{self._name}">'

    def __eq__(self, other):
        return isinstance(other, DTypePolicy) and other.name == self.name

    def __hash__(self):
        return hash(self._name)


FloatDTypePolicy = DTypePolicy


def set_global_policy(policy):
    """Sets the default policy of new layers (``"mixed_float16"``, ``"float32"``...)."""
    _GLOBAL["policy"] = None if policy is None else get_policy(policy)


def global_policy():
    """Returns the default policy of new layers (``floatx()`` unless set)."""
    return _GLOBAL["policy"] or DTypePolicy(config.floatx())


def get_policy(identifier):
    """Turns None, a name, a policy, or a Keras 3 policy config dict into a DTypePolicy."""
    if identifier is None:
        return global_policy()
    if isinstance(identifier, DTypePolicy):
        return identifier
    if isinstance(identifier, dict):
        inner = identifier.get("config", identifier)
        if isinstance(inner, dict) and "name" in inner:
            return DTypePolicy(inner["name"])
        raise ValueError(f"dtype: cannot read a dtype policy from config {identifier!r}.")
    if isinstance(identifier, str):
        return DTypePolicy(identifier)
    try:
        return DTypePolicy(dtypes.standardize_dtype(identifier))
    except (ValueError, TypeError):
        raise ValueError(
            f"dtype: expected a dtype name, a DTypePolicy or None, got {identifier!r}."
        ) from None


def serialize_policy(policy):
    """Keras 3's config of a policy: ``{"module": "keras", "class_name": "DTypePolicy", ...}``."""
    return {"module": "keras", "class_name": "DTypePolicy",
            "config": {"name": policy.name}, "registered_name": None}
