"""Functional models on intermediate tensors (Keras 3 clones them into Inputs), and raw-op
rows in ``summary()``."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops


def _np(x):
    return ops.convert_to_numpy(x)


def _base():
    inp = kerasx.Input((4,), name="x")
    h1 = layers.Dense(3, name="d1")(inp)
    h2 = layers.Dense(2, name="d2")(h1)
    out = layers.Dense(1, name="d3")(h2)
    return kerasx.Model(inp, out, name="base"), inp, h1, h2, out


def test_intermediate_tensor_as_input_is_cloned_into_an_input():
    base, inp, h1, h2, out = _base()
    head = kerasx.Model(inputs=base.layers[1].output, outputs=base.output)
    assert [type(l).__name__ for l in head.layers] == ["InputLayer", "Dense", "Dense"]
    assert [l.name for l in head.layers[1:]] == ["d2", "d3"]
    assert head.layers[0].name.endswith("CLONE")
    assert head.input_shape == (None, 3) and head.inputs[0] is not h1
    x = np.random.default_rng(0).normal(size=(5, 3)).astype("float32")
    d2, d3 = base.get_layer("d2"), base.get_layer("d3")
    k2, b2 = d2.get_weights()
    k3, b3 = d3.get_weights()
    want = (x @ k2 + b2) @ k3 + b3
    np.testing.assert_allclose(_np(head(x)), want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(head.predict(x, verbose=0), want, rtol=1e-5, atol=1e-6)
    # Weights are shared with the base model; the base graph is untouched.
    assert head.count_params() == 8 + 3
    xb = np.ones((2, 4), "float32")
    k1, b1 = base.get_layer("d1").get_weights()
    np.testing.assert_allclose(_np(base(xb)), ((xb @ k1 + b1) @ k2 + b2) @ k3 + b3,
                               rtol=1e-5, atol=1e-6)
    assert base.inputs[0] is inp and len(base.layers) == 4
    # The clone round-trips through its config.
    again = kerasx.Model.from_config(head.get_config())
    again.set_weights(head.get_weights())
    np.testing.assert_allclose(_np(again(x)), want, rtol=1e-5, atol=1e-6)


def test_mixed_input_and_intermediate_inputs():
    a = kerasx.Input((2,), name="a")
    h = layers.Dense(2, name="pre")(a)
    b = kerasx.Input((2,), name="b")
    out = layers.Add(name="sum")([layers.Dense(2, name="post")(h), b])
    model = kerasx.Model([h, b], out)
    assert model.inputs[1] is b
    hv, bv = np.ones((1, 2), "float32"), np.full((1, 2), 2.0, "float32")
    k, c = model.get_layer("post").get_weights()
    np.testing.assert_allclose(_np(model([hv, bv])), hv @ k + c + bv, rtol=1e-6)


def test_transfer_from_base_input_keeps_working():
    base, inp, h1, h2, out = _base()
    feats = kerasx.Model(inputs=base.input, outputs=base.get_layer("d2").output)
    new_head = layers.Dense(5, name="new_head")(feats.output)
    transfer = kerasx.Model(base.input, new_head)
    assert [l.name for l in transfer.layers] == ["x", "d1", "d2", "new_head"]
    x = np.ones((2, 4), "float32")
    np.testing.assert_allclose(_np(transfer.get_layer("new_head")(feats(x))), _np(transfer(x)),
                               rtol=1e-5, atol=1e-6)


def test_non_symbolic_input_error_names_what_was_given():
    with pytest.raises(ValueError, match=r"inputs must be symbolic.*ndarray of shape \(2, 3\)"):
        kerasx.Model(np.ones((2, 3)), kerasx.Input((3,)))


@pytest.fixture
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def _summary(model, **kw):
    lines = []
    model.summary(print_fn=lines.append, **kw)
    return lines


def test_summary_lists_raw_op_rows_like_keras(wide_terminal):
    a, b = kerasx.Input((4,), name="a"), kerasx.Input((4,), name="b")
    x = ops.add(a, b)
    y = a + b
    z = ops.concatenate([x, y], axis=-1)
    w = layers.Dense(2, name="dense")(z)
    v = ops.sum(w, axis=-1)
    model = kerasx.Model([a, b], [w, v])
    lines = _summary(model)
    rows = [l for l in lines if l.startswith("│") and not l.startswith("│ " + " " * 5)]
    names = [r.split("│")[1].strip() for r in rows]
    assert names == ["a (InputLayer)", "b (InputLayer)", "add (Add)", "add_1 (Add)",
                     "concatenate (Concatenate)", "dense (Dense)", "sum (Sum)"]
    cells = {r.split("│")[1].strip(): [c.strip() for c in r.split("│")[2:-1]] for r in rows}
    assert cells["add (Add)"] == ["(None, 4)", "0", "a[0][0], b[0][0]"]
    assert cells["add_1 (Add)"] == ["(None, 4)", "0", "a[0][0], b[0][0]"]
    assert cells["concatenate (Concatenate)"] == ["(None, 8)", "0", "add[0][0], add_1[0][0]"]
    assert cells["dense (Dense)"] == ["(None, 2)", "18", "concatenate[0][0]"]
    assert cells["sum (Sum)"] == ["(None)", "0", "dense[0][0]"]
    assert " Total params: 18 (72.00 B)" in lines
    assert model.count_params() == 18
    assert [l.name for l in model.layers] == ["a", "b", "dense"]


def test_summary_wraps_connections_at_commas(wide_terminal):
    a, b = kerasx.Input((4,), name="a"), kerasx.Input((4,), name="b")
    model = kerasx.Model([a, b], layers.Concatenate(name="cat")([a, b]))
    lines = _summary(model, line_length=60)
    assert all(len(l) == 60 for l in lines[1:-3])
    text = "\n".join(lines)
    assert "a[0][0]," in text and "b[0][0]" in text


def test_summary_connections_use_the_layers_global_node_index(wide_terminal):
    # Keras numbers a node among all calls of its layer: `shared` was first called in m1.
    shared = layers.Dense(2, name="shared")
    a = kerasx.Input((3,), name="a")
    kerasx.Model(a, shared(a))
    b, c = kerasx.Input((3,), name="b"), kerasx.Input((3,), name="c")
    m2 = kerasx.Model([b, c], layers.Add(name="add")([shared(b), shared(c)]))
    text = "\n".join(_summary(m2))
    assert "shared[1][0], shared[2][0]" in text
    assert "b[0][0], c[0][0]" in text
