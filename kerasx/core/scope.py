"""Thread-local scopes: stateless variable reads/writes and name paths.

``StatelessScope`` is how JAX (and any pure-function code) runs a model: inside
it, reading a Variable returns the value given in ``state_mapping`` and
assigning to a Variable records the new value in the scope instead of
mutating the Variable.
"""

import threading


class _ScopeState(threading.local):
    # Read for every Variable.value: a class default, so that a thread that never entered a
    # StatelessScope finds None instead of paying for a missing thread-local attribute.
    stateless = None


_STATE = _ScopeState()


def _stack(name):
    s = getattr(_STATE, name, None)
    if s is None:
        s = []
        setattr(_STATE, name, s)
    return s


class StatelessScope:
    """Context in which Variables are read from ``state_mapping`` and writes are recorded.

    Args:
        state_mapping: iterable of ``(variable, value)`` pairs.
        collect_losses: if True, ``Layer.add_loss`` appends into ``self.losses``.
        initialize_variables: if False, creating a Variable inside is an error
            (values created under a trace must not leak into Variables).

    Example:
        >>> with StatelessScope([(v, new_value)]) as scope:
        ...     y = layer(x)            # reads new_value for v
        >>> scope.get_current_value(v)  # includes any assignment made inside
    """

    def __init__(self, state_mapping=None, collect_losses=False, initialize_variables=True):
        self.state_mapping = {}
        self.collect_losses = collect_losses
        self.initialize_variables = initialize_variables
        self.losses = []
        for var, value in state_mapping or ():
            self.state_mapping[id(var)] = (var, value)

    def add_update(self, variable, value):
        self.state_mapping[id(variable)] = (variable, value)

    def get_current_value(self, variable):
        item = self.state_mapping.get(id(variable))
        return None if item is None else item[1]

    def add_loss(self, loss):
        self.losses.append(loss)

    def __enter__(self):
        _stack("stateless").append(self)
        return self

    def __exit__(self, *exc):
        _stack("stateless").pop()
        return False


def get_stateless_scope():
    s = _stack("stateless")
    return s[-1] if s else None


def in_stateless_scope():
    return bool(_stack("stateless"))


class SymbolicScope:
    """Marks code running for shape inference only (no real computation wanted)."""

    def __enter__(self):
        _stack("symbolic").append(self)
        return self

    def __exit__(self, *exc):
        _stack("symbolic").pop()
        return False


def in_symbolic_scope():
    return bool(_stack("symbolic"))


class name_scope:
    """Prefixes the paths of Variables created inside: ``with name_scope("dense"):`` -> ``dense/kernel``."""

    def __init__(self, name):
        if not isinstance(name, str) or not name:
            raise ValueError(f"name_scope: name must be a non-empty string, got {name!r}.")
        self.name = name

    def __enter__(self):
        _stack("names").append(self.name)
        return self

    def __exit__(self, *exc):
        _stack("names").pop()
        return False


def current_path():
    return "/".join(_stack("names"))


# Mixed precision: inside a layer whose compute dtype differs from its variables' dtype,
# float Variables with autocast=True read as the compute dtype. A plain list (not
# thread-local) keeps Variable.value cheap on the hot path.
_AUTOCAST = [None]


class autocast_scope:
    """Float Variables (with ``autocast=True``) read as ``dtype`` inside this context."""

    def __init__(self, dtype):
        self.dtype = dtype

    def __enter__(self):
        self._prev = _AUTOCAST[0]
        _AUTOCAST[0] = self.dtype
        return self

    def __exit__(self, *exc):
        _AUTOCAST[0] = self._prev
        return False


def get_autocast_dtype():
    return _AUTOCAST[0]


# Loading a saved model: its weights are overwritten right after the model is rebuilt,
# so Variables created meanwhile are filled with zeros instead of running initializers.
_SKIP_INIT = [False]


class skip_initializers:
    """Inside this context new Variables with a callable initializer start as zeros."""

    def __enter__(self):
        self._prev = _SKIP_INIT[0]
        _SKIP_INIT[0] = True
        return self

    def __exit__(self, *exc):
        _SKIP_INIT[0] = self._prev
        return False
