"""Elementwise NumPy ops against NumPy: values, dtypes, broadcasting, empty and symbolic inputs."""

import numpy as np
import pytest

from kerasx import config, ops
from ops_helpers import check, sym, to_np

GENERAL = np.array([[-1.7, -0.5, 0.0], [0.3, 1.2, 2.5]], "float32")
POSITIVE = np.array([[0.2, 0.5, 1.0], [1.5, 2.0, 3.5]], "float32")
UNIT = np.array([[-0.9, -0.5, 0.0], [0.1, 0.5, 0.8]], "float32")
GE1 = np.array([[1.0, 1.5, 2.0], [2.5, 3.0, 4.0]], "float32")
DOMAINS = {"general": GENERAL, "positive": POSITIVE, "unit": UNIT, "ge1": GE1}
INT_SAMPLES = {"general": [-2, -1, 0, 1, 2], "positive": [1, 2, 3], "unit": [0], "ge1": [1, 2, 3]}

# name, numpy reference, domain, result dtype for int/bool input: "float" = floatx(),
# "same" = the input dtype, None = not checked for int input.
UNARY = [
    ("abs", np.abs, "general", "same"),
    ("absolute", np.abs, "general", "same"),
    ("negative", np.negative, "general", "same"),
    ("sign", np.sign, "general", "same"),
    ("square", np.square, "general", "same"),
    ("arccos", np.arccos, "unit", "float"),
    ("arccosh", np.arccosh, "ge1", "float"),
    ("arcsin", np.arcsin, "unit", "float"),
    ("arcsinh", np.arcsinh, "general", "float"),
    ("arctan", np.arctan, "general", "float"),
    ("arctanh", np.arctanh, "unit", "float"),
    ("cbrt", np.cbrt, "general", "float"),
    ("cos", np.cos, "general", "float"),
    ("cosh", np.cosh, "general", "float"),
    ("deg2rad", np.deg2rad, "general", "float"),
    ("exp", np.exp, "general", "float"),
    ("exp2", np.exp2, "general", "float"),
    ("expm1", np.expm1, "general", "float"),
    ("log", np.log, "positive", "float"),
    ("log10", np.log10, "positive", "float"),
    ("log1p", np.log1p, "positive", "float"),
    ("log2", np.log2, "positive", "float"),
    ("sin", np.sin, "general", "float"),
    ("sinh", np.sinh, "general", "float"),
    ("sqrt", np.sqrt, "positive", "float"),
    ("tan", np.tan, "unit", "float"),
    ("tanh", np.tanh, "general", "float"),
    ("ceil", np.ceil, "general", None),
    ("floor", np.floor, "general", None),
    ("trunc", np.trunc, "general", None),
    ("round", np.round, "general", None),
    ("reciprocal", np.reciprocal, "positive", None),
    ("conj", np.conj, "general", "same"),
    ("conjugate", np.conjugate, "general", "same"),
    ("real", np.real, "general", "same"),
    ("copy", np.copy, "general", "same"),
    ("angle", np.angle, "general", None),
    ("imag", np.imag, "general", None),
    ("signbit", np.signbit, "general", "bool"),
    ("isfinite", np.isfinite, "general", "bool"),
    ("isinf", np.isinf, "general", "bool"),
    ("isnan", np.isnan, "general", "bool"),
    ("isneginf", np.isneginf, "general", "bool"),
    ("isposinf", np.isposinf, "general", "bool"),
    ("logical_not", np.logical_not, "general", "bool"),
]
UNARY_IDS = [u[0] for u in UNARY]
_FLOAT_RESULT = {u[0]: u[3] for u in UNARY}


def _float_result(name, dtype):
    return "bool" if _FLOAT_RESULT[name] == "bool" else dtype


@pytest.mark.parametrize("name,ref,domain,int_rule", UNARY, ids=UNARY_IDS)
def test_unary_float32(name, ref, domain, int_rule):
    x = DOMAINS[domain]
    check(getattr(ops, name)(x), ref(x), dtype=_float_result(name, "float32"), rtol=2e-5)


SUBSET = [u for u in UNARY if u[0] in ("abs", "square", "exp", "log", "sqrt", "tanh", "floor",
                                         "isnan", "sign", "arctan")]


@pytest.mark.parametrize("name,ref,domain,int_rule", SUBSET, ids=[u[0] for u in SUBSET])
def test_unary_float64_and_float16(name, ref, domain, int_rule):
    x = DOMAINS[domain]
    check(getattr(ops, name)(x.astype("float64")), ref(x.astype("float64")),
          dtype=_float_result(name, "float64"), rtol=1e-7)
    out = getattr(ops, name)(x.astype("float16"))
    assert ops.dtype(out) == _float_result(name, "float16")
    check(out, ref(x.astype("float16")), rtol=5e-3, atol=5e-3)


@pytest.mark.parametrize("name,ref,domain,int_rule", UNARY, ids=UNARY_IDS)
def test_unary_int_input(name, ref, domain, int_rule):
    x = np.array(INT_SAMPLES[domain], "int32")
    out = getattr(ops, name)(x)
    if int_rule == "float":
        assert ops.dtype(out) == config.floatx()
        check(out, ref(x.astype("float64")), rtol=1e-5)
    elif int_rule == "same":
        assert ops.dtype(out) == "int32"
        check(out, ref(x))
    elif int_rule == "bool":
        assert ops.dtype(out) == "bool"
        check(out, ref(x))
    else:
        check(out, ref(x.astype("float64")), rtol=1e-5)


@pytest.mark.parametrize("name", ["exp", "sin", "sqrt", "log1p", "tanh", "arctan"])
def test_unary_float_math_on_bool_gives_floatx(name):
    out = getattr(ops, name)(np.array([True, False]))
    assert ops.dtype(out) == config.floatx()
    check(out, getattr(np, name)(np.array([1.0, 0.0])))


@pytest.mark.parametrize("name,ref,domain,int_rule", SUBSET, ids=[u[0] for u in SUBSET])
def test_unary_empty(name, ref, domain, int_rule):
    out = getattr(ops, name)(np.zeros((0, 3), "float32"))
    assert tuple(to_np(out).shape) == (0, 3)


@pytest.mark.parametrize("name,ref,domain,int_rule", UNARY, ids=UNARY_IDS)
def test_unary_symbolic(name, ref, domain, int_rule):
    fn = getattr(ops, name)
    s = fn(sym((None, 4), "float32"))
    assert s.shape == (None, 4)
    assert s.dtype == _float_result(name, "float32")


def test_special_values():
    x = np.array([np.nan, np.inf, -np.inf, 1.0], "float32")
    check(ops.isnan(x), np.isnan(x))
    check(ops.isinf(x), np.isinf(x))
    check(ops.isfinite(x), np.isfinite(x))
    check(ops.nan_to_num(x), np.nan_to_num(x))
    check(ops.nan_to_num(x, nan=1.5, posinf=9.0, neginf=-9.0),
          np.nan_to_num(x, nan=1.5, posinf=9.0, neginf=-9.0))
    check(ops.signbit(np.array([-0.0, 0.0], "float32")), [True, False])


def test_round_decimals_and_halves():
    check(ops.round(np.array([0.5, 1.5, 2.5, -0.5], "float32")), [0.0, 2.0, 2.0, -0.0])
    check(ops.round(np.array([1.234, 5.678], "float32"), decimals=1), [1.2, 5.7], rtol=1e-4)


def test_clip():
    x = np.array([-3, 0, 2, 7], "int32")
    check(ops.clip(x, -1, 5), np.clip(x, -1, 5), dtype="int32")
    xf = np.array([-3.0, 0.5, 9.0], "float32")
    check(ops.clip(xf, 0.0, 1.0), np.clip(xf, 0.0, 1.0), dtype="float32")
    assert ops.clip(sym((None, 2)), 0.0, 1.0).shape == (None, 2)


def test_bitwise_invert():
    x = np.array([0, 1, -5], "int32")
    check(ops.bitwise_invert(x), np.invert(x), dtype="int32")
    check(ops.bitwise_not(x.astype("int8")), np.invert(x.astype("int8")), dtype="int8")
    check(ops.bitwise_invert(np.array([True, False])), [False, True], dtype="bool")


A = np.array([[1.5, -2.0, 3.0], [0.5, 4.0, -1.0]], "float32")
B_ = np.array([2.0, -0.5, 1.5], "float32")
BINARY = [
    ("add", np.add), ("subtract", np.subtract), ("multiply", np.multiply),
    ("divide", np.divide), ("true_divide", np.true_divide), ("floor_divide", np.floor_divide),
    ("mod", np.mod), ("maximum", np.maximum), ("minimum", np.minimum),
    ("arctan2", np.arctan2), ("hypot", np.hypot), ("logaddexp", np.logaddexp),
    ("logaddexp2", np.logaddexp2), ("heaviside", np.heaviside), ("power", None),
    ("equal", np.equal), ("not_equal", np.not_equal), ("greater", np.greater),
    ("greater_equal", np.greater_equal), ("less", np.less), ("less_equal", np.less_equal),
    ("logical_and", np.logical_and), ("logical_or", np.logical_or),
    ("logical_xor", np.logical_xor),
]
BOOL_RESULT = {"equal", "not_equal", "greater", "greater_equal", "less", "less_equal",
               "logical_and", "logical_or", "logical_xor"}


@pytest.mark.parametrize("name,ref", BINARY, ids=[b[0] for b in BINARY])
def test_binary_broadcast(name, ref):
    fn = getattr(ops, name)
    if name == "power":
        a, b = np.abs(A), B_
        expected = np.power(a, b)
    else:
        a, b = A, B_
        expected = ref(a, b)
    dtype = "bool" if name in BOOL_RESULT else "float32"
    check(fn(a, b), expected, dtype=dtype, rtol=2e-5)
    check(fn(b, a), (np.power(b, a) if name == "power" else ref(b, a)), dtype=dtype, rtol=2e-5) \
        if name != "power" else None
    # shapes (3,1) x (1,4) -> (3,4); empty; symbolic with None dims
    col = np.arange(1, 4, dtype="float32").reshape(3, 1)
    row = np.arange(1, 5, dtype="float32").reshape(1, 4)
    assert tuple(to_np(fn(col, row)).shape) == (3, 4)
    assert tuple(to_np(fn(np.zeros((0, 4), "float32"), row)).shape) == (0, 4)
    s = fn(sym((None, 1, 3)), sym((4, 1)))
    assert s.shape == (None, 4, 3) and s.dtype == dtype


@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "floor_divide", "mod",
                                  "maximum", "minimum"])
def test_binary_int_keeps_int(name):
    a = np.array([7, -7, 9, 0], "int32")
    b = np.array([2, 3, -4, 5], "int32")
    check(getattr(ops, name)(a, b), getattr(np, name)(a, b), dtype="int32")
    check(getattr(ops, name)(a, 3), getattr(np, name)(a, 3), dtype="int32")


def test_int_division_gives_floatx_and_power_int():
    a = np.array([1, 3], "int32")
    check(ops.divide(a, np.array([2, 2], "int32")), [0.5, 1.5], dtype=config.floatx())
    check(ops.true_divide(a, 2), [0.5, 1.5], dtype=config.floatx())
    check(ops.power(np.array([2, 3], "int32"), 2), [4, 9], dtype="int32")
    check(ops.add(a, 2.0), [3.0, 5.0], dtype=config.floatx())


def test_divide_no_nan():
    a = np.array([1.0, 2.0, -3.0], "float32")
    b = np.array([0.0, 4.0, 0.0], "float32")
    check(ops.divide_no_nan(a, b), [0.0, 0.5, 0.0], dtype="float32")


def test_isclose():
    a = np.array([1.0, 2.0, np.nan], "float32")
    b = np.array([1.0 + 1e-7, 2.1, np.nan], "float32")
    check(ops.isclose(a, b), np.isclose(a, b))
    check(ops.isclose(a, b, equal_nan=True), np.isclose(a, b, equal_nan=True))
    check(ops.isclose(a, b, atol=0.2), np.isclose(a, b, atol=0.2))


@pytest.mark.parametrize("name,ref", [
    ("bitwise_and", np.bitwise_and), ("bitwise_or", np.bitwise_or),
    ("bitwise_xor", np.bitwise_xor), ("bitwise_left_shift", np.left_shift),
    ("left_shift", np.left_shift), ("bitwise_right_shift", np.right_shift),
    ("right_shift", np.right_shift)])
def test_bitwise_binary(name, ref):
    a = np.array([12, 5, 255, -8], "int32")
    b = np.array([10, 1, 3, 2], "int32")
    check(getattr(ops, name)(a, b), ref(a, b), dtype="int32")
    assert getattr(ops, name)(sym((None, 4), "int32"), sym((4,), "int32")).shape == (None, 4)


def test_bool_logic_and_add():
    t = np.array([True, True, False, False])
    f = np.array([True, False, True, False])
    check(ops.bitwise_and(t, f), t & f, dtype="bool")
    check(ops.add(t, f), t | f, dtype="bool")
    check(ops.logical_and(np.array([1.0, 0.0, 2.0]), np.array([1.0, 1.0, 0.0])), [True, False, False])


def test_operators_on_symbolic_tensors():
    x = sym((None, 3))
    for y in (x + 1.0, 2.0 * x, x - x, x / 2.0, -x, x ** 2, abs(x), x[:, 1:]):
        assert y.shape[0] is None
    assert (x > 0).dtype == "bool"
    assert (x @ sym((3, 5))).shape == (None, 5)
