"""Every installed backend provides every contract name with exactly the contract's
parameters, and the public kerasx.ops / kerasx.random functions have the same signatures."""

import importlib
import importlib.util
import inspect

import pytest

from kerasx.backends import _contract, load_backend

_FRAMEWORKS = {"jax": "jax", "torch": "torch", "tensorflow": "tensorflow"}
INSTALLED = [b for b, mod in _FRAMEWORKS.items() if importlib.util.find_spec(mod) is not None]
ALL_ENTRIES = [(g, n) for g in _contract.GROUPS for n in _contract.names(g)]
_LOADED = {}


def _expected_signature(group, name):
    text = _contract.signature_text(group, name)
    namespace = {}
    exec(f"def _f{text}:\n    pass\n", namespace)  # the contract text is our own source
    return inspect.signature(namespace["_f"])


def _describe(sig):
    return [(p.name, p.kind.name, p.default) for p in sig.parameters.values()]


def _assert_same_params(actual_fn, group, name, where):
    expected = _expected_signature(group, name)
    try:
        actual = inspect.signature(actual_fn)
    except (TypeError, ValueError) as e:
        pytest.fail(f"{where}: cannot read the signature of {group}.{name}: {e}")
    assert _describe(actual) == _describe(expected), (
        f"{where}: {group}.{name} has parameters {actual}, contract says {expected}")


def _backend(name):
    if name not in _LOADED:
        _LOADED[name] = load_backend(name)
    return _LOADED[name]


def test_contract_text_parses():
    for group, name in ALL_ENTRIES:
        sig = _expected_signature(group, name)
        assert isinstance(sig, inspect.Signature)
    assert "add" in _contract.names("numpy") and "conv" in _contract.names("nn")


@pytest.mark.parametrize("backend_name", INSTALLED)
def test_backend_has_every_group(backend_name):
    pkg = _backend(backend_name)
    assert pkg.name == backend_name
    for group in _contract.GROUPS:
        assert inspect.ismodule(getattr(pkg, group, None)), (
            f"backend {backend_name} lacks the submodule {group}")


@pytest.mark.parametrize("group,name", ALL_ENTRIES, ids=[f"{g}.{n}" for g, n in ALL_ENTRIES])
@pytest.mark.parametrize("backend_name", INSTALLED)
def test_backend_signature(backend_name, group, name):
    pkg = _backend(backend_name)
    module = getattr(pkg, group)
    if group == "trainer" and not any(hasattr(module, n) for n in _contract.names("trainer")):
        pytest.skip(f"backend {backend_name}: trainer module defines none of the trainer "
                    "contract names yet (filled by the training work)")
    fn = getattr(module, name, None)
    assert fn is not None, f"backend {backend_name}: {group}.{name} is missing"
    _assert_same_params(fn, group, name, f"backend {backend_name}")


# Public frontends: where each contract group is exposed.
_BACKEND_ONLY = {"Variable", "compute_output_spec", "compute_gradients", "in_tracing",
                 "random_seed_dtype", "device_scope", "no_grad_scope"}


def _public_entries():
    entries = []
    for group, module in (("core", "kerasx.ops.core"), ("numpy", "kerasx.ops.numpy"),
                          ("nn", "kerasx.ops.nn"), ("linalg", "kerasx.ops.linalg"),
                          ("math", "kerasx.ops.math"), ("image", "kerasx.ops.image"),
                          ("random", "kerasx.random")):
        for name in _contract.names(group):
            if group == "core" and name in _BACKEND_ONLY:
                continue
            entries.append((group, module, name))
            if group in ("core", "numpy", "nn", "linalg", "math"):
                entries.append((group, "kerasx.ops", name))
    return entries


PUBLIC = _public_entries()


@pytest.mark.parametrize("group,module_name,name", PUBLIC,
                         ids=[f"{m}.{n}" for _, m, n in PUBLIC])
def test_public_signature(group, module_name, name):
    module = importlib.import_module(module_name)
    fn = getattr(module, name, None)
    assert fn is not None, f"{module_name}.{name} is missing"
    _assert_same_params(fn, group, name, module_name)
    doc = inspect.getdoc(fn) or ""
    assert "Returns" in doc and "Example" in doc, f"{module_name}.{name} lacks a full docstring"


def test_keras_aliases():
    from kerasx import ops
    assert ops.swish is ops.silu and ops.hard_swish is ops.hard_silu
    assert ops.nn.swish is ops.silu


def test_backend_only_names_not_public():
    from kerasx import ops
    for name in ("compute_output_spec", "random_seed_dtype", "Variable", "in_tracing"):
        assert not hasattr(ops, name)
    # compute_gradients is public on purpose: the backend-neutral gradient API for train_step
    assert ops.compute_gradients.__module__ == "kerasx.ops.gradients"
