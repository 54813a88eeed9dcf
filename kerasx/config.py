"""Global configuration: which backend runs, default float type, epsilon, data format.

Resolution order for the backend: the ``KERASX_BACKEND`` environment variable,
then the ``backend`` key of ``$KERASX_HOME/kerasx.json`` (``KERASX_HOME``
defaults to ``~/.kerasx``), then the first installed framework among
``jax``, ``torch``, ``tensorflow`` (in that order).

Importing this module reads the config file if it exists and never writes any
file or touches a framework.
"""

import importlib.util
import json
import os

VALID_BACKENDS = ("jax", "torch", "tensorflow")
DEFAULT_ORDER = ("jax", "torch", "tensorflow")
# The import name of each backend's framework and the pip extra that installs it.
_FRAMEWORK_MODULE = {"jax": "jax", "torch": "torch", "tensorflow": "tensorflow"}
_VALID_FLOATX = ("float16", "bfloat16", "float32", "float64")
_VALID_FORMATS = ("channels_last", "channels_first")

_FLOATX = "float32"
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = "channels_last"
_BACKEND = None
_CONFIG_SOURCE = None


def kerasx_home():
    """Returns the folder holding ``kerasx.json`` (``$KERASX_HOME`` or ``~/.kerasx``)."""
    home = os.environ.get("KERASX_HOME")
    if home:
        return os.path.expanduser(home)
    return os.path.join(os.path.expanduser("~"), ".kerasx")


def config_path():
    """Returns the path of the config file, whether or not it exists."""
    return os.path.join(kerasx_home(), "kerasx.json")


def _read_config_file():
    path = config_path()
    if not os.path.exists(path):
        return {}
    try:
        with open(path, "r", encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(
            f"kerasx: the config file {path} is not valid JSON ({e}). "
            "Fix or delete it; expected an object such as "
            '{"backend": "jax", "floatx": "float32", "epsilon": 1e-07, '
            '"image_data_format": "channels_last"}.'
        ) from None
    if not isinstance(data, dict):
        raise ValueError(
            f"kerasx: the config file {path} must hold a JSON object, "
            f"got {type(data).__name__}."
        )
    return data


def _framework_installed(name):
    return importlib.util.find_spec(_FRAMEWORK_MODULE[name]) is not None


def _check_backend_name(name, where):
    if name not in VALID_BACKENDS:
        raise ValueError(
            f"kerasx: unknown backend {name!r} (from {where}). "
            f"Valid backends: {', '.join(VALID_BACKENDS)}."
        )
    if not _framework_installed(name):
        raise ImportError(
            f"kerasx: backend {name!r} was requested (from {where}) but its framework "
            f"'{_FRAMEWORK_MODULE[name]}' is not installed. Install it with: "
            f'pip install "kerasx[{name}]"'
        )
    return name


def _resolve():
    global _FLOATX, _EPSILON, _IMAGE_DATA_FORMAT, _BACKEND, _CONFIG_SOURCE
    data = _read_config_file()
    path = config_path()
    if "floatx" in data:
        if data["floatx"] not in _VALID_FLOATX:
            raise ValueError(
                f"kerasx: the config file {path} has floatx={data['floatx']!r}; "
                f"expected one of {_VALID_FLOATX}."
            )
        _FLOATX = data["floatx"]
    if "epsilon" in data:
        if not isinstance(data["epsilon"], (int, float)) or isinstance(data["epsilon"], bool):
            raise ValueError(
                f"kerasx: the config file {path} has epsilon={data['epsilon']!r}; expected a number."
            )
        _EPSILON = float(data["epsilon"])
    if "image_data_format" in data:
        if data["image_data_format"] not in _VALID_FORMATS:
            raise ValueError(
                f"kerasx: the config file {path} has image_data_format="
                f"{data['image_data_format']!r}; expected one of {_VALID_FORMATS}."
            )
        _IMAGE_DATA_FORMAT = data["image_data_format"]
    env = os.environ.get("KERASX_BACKEND")
    if env:
        _BACKEND = _check_backend_name(env.strip().lower(), "the KERASX_BACKEND environment variable")
        _CONFIG_SOURCE = "env"
    elif "backend" in data:
        _BACKEND = _check_backend_name(str(data["backend"]).lower(), f"the config file {path}")
        _CONFIG_SOURCE = "file"
    else:
        for name in DEFAULT_ORDER:
            if _framework_installed(name):
                _BACKEND = name
                _CONFIG_SOURCE = "default"
                break
        else:
            raise ImportError(
                "kerasx: no backend framework is installed. Install one with "
                'pip install "kerasx[jax]" (or [torch], [tensorflow], [all]).'
            )


def backend():
    """Returns the name of the active backend: ``"jax"``, ``"torch"`` or ``"tensorflow"``."""
    return _BACKEND


def floatx():
    """Returns the default float dtype as a string, ``"float32"`` unless configured."""
    return _FLOATX


def set_floatx(value):
    """Sets the default float dtype (``float16``, ``bfloat16``, ``float32`` or ``float64``)."""
    global _FLOATX
    value = str(value)
    if value not in _VALID_FLOATX:
        raise ValueError(f"set_floatx: expected one of {_VALID_FLOATX}, got {value!r}.")
    _FLOATX = value


def epsilon():
    """Returns the fuzz factor used in numeric expressions (default ``1e-7``)."""
    return _EPSILON


def set_epsilon(value):
    """Sets the fuzz factor used in numeric expressions."""
    global _EPSILON
    _EPSILON = float(value)


def image_data_format():
    """Returns ``"channels_last"`` (default) or ``"channels_first"``."""
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    """Sets the default image data format."""
    global _IMAGE_DATA_FORMAT
    data_format = str(data_format).lower()
    if data_format not in _VALID_FORMATS:
        raise ValueError(
            f"set_image_data_format: expected one of {_VALID_FORMATS}, got {data_format!r}."
        )
    _IMAGE_DATA_FORMAT = data_format


def standardize_data_format(data_format):
    """Returns ``data_format`` checked, or the global default when it is None."""
    if data_format is None:
        return _IMAGE_DATA_FORMAT
    value = str(data_format).lower()
    if value not in _VALID_FORMATS:
        raise ValueError(
            f"data_format: expected one of {_VALID_FORMATS} or None, got {data_format!r}."
        )
    return value


_resolve()
