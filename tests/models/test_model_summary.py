"""model.summary(): Keras 3's table, counts and options."""

import pytest

import kerasx
from kerasx import layers


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    # The default table width shrinks to the terminal (as in Keras); pin a wide one.
    monkeypatch.setenv("COLUMNS", "200")


def capture(model, **kwargs):
    lines = []
    model.summary(print_fn=lines.append, **kwargs)
    return lines


def test_sequential_summary_table_and_totals():
    model = kerasx.Sequential([kerasx.Input((20,)), layers.Dense(32, name="hidden"),
                               layers.Dense(10, name="out")], name="mlp")
    lines = capture(model)
    text = "\n".join(lines)
    assert lines[0] == 'Model: "mlp"'
    header = lines[2]
    assert "Layer (type)" in header and "Output Shape" in header and "Param #" in header
    assert "Connected to" not in text and "InputLayer" not in text
    assert any("hidden (Dense)" in l and "(None, 32)" in l and "672" in l for l in lines)
    assert any("out (Dense)" in l and "(None, 10)" in l and "330" in l for l in lines)
    assert " Total params: 1,002 (3.91 KB)" in lines
    assert " Trainable params: 1,002 (3.91 KB)" in lines
    assert " Non-trainable params: 0 (0.00 B)" in lines
    assert all(len(l) == 88 for l in lines[1:-3])


def test_functional_summary_connected_to_and_trainable_column():
    a, b = kerasx.Input((4,), name="a"), kerasx.Input((4,), name="b")
    shared = layers.Dense(2, name="shared")
    merged = layers.Concatenate(name="cat")([shared(a), shared(b)])
    model = kerasx.Model([a, b], layers.Dense(1, name="head")(merged), name="fm")
    shared.trainable = False
    lines = capture(model, show_trainable=True)
    text = "\n".join(lines)
    assert "Connected to" in lines[2] and "Trainable" in lines[2]
    assert "a (InputLayer)" in text and "shared[0][0]" in text and "shared[1][0]" in text
    assert any("cat (Concatenate)" in l and "(None, 4)" in l for l in lines)
    assert " Total params: 15 (60.00 B)" in lines
    assert " Trainable params: 5 (20.00 B)" in lines
    assert " Non-trainable params: 10 (40.00 B)" in lines
    assert len(lines[1]) == 120


def test_summary_options_expand_nested_line_length_positions():
    inner = kerasx.Sequential([kerasx.Input((3,)), layers.Dense(2, name="inner_dense")],
                              name="inner")
    outer = kerasx.Sequential([kerasx.Input((3,)), inner, layers.Dense(1, name="top")])
    flat = "\n".join(capture(outer))
    assert "inner (Sequential)" in flat and "inner_dense" not in flat
    nested = "\n".join(capture(outer, expand_nested=True))
    assert "inner_dense (Dense)" in nested
    narrow = capture(outer, line_length=60)
    assert len(narrow[1]) == 60
    custom = capture(outer, positions=[30, 50, 70])
    assert len(custom[1]) == 70
    with pytest.raises(ValueError, match="positions"):
        capture(outer, positions=[0.5, 1.0])


def test_subclassed_model_summary_and_unbuilt():
    class Net(kerasx.Model):
        def __init__(self):
            super().__init__(name="net")
            self.d = layers.Dense(3, name="d")

        def call(self, x):
            return self.d(x)

    net = Net()
    text = "\n".join(capture(net))
    assert "0 (unbuilt)" in text
    net.build((None, 2))
    lines = capture(net)
    assert any("d (Dense)" in l and "9" in l for l in lines)
    assert net.count_params() == 9


def test_summary_trainable_dash_nested_marker_and_terminal_width(monkeypatch):
    x = kerasx.Input((4,), name="x")
    y = layers.Dense(3, name="d")(x)
    w = layers.Reshape((3,), name="r")(kerasx.ops.expand_dims(y, -1))
    model = kerasx.Model(x, w, name="chain")
    rows = {l.split("│")[1].strip(): l.split("│")[-2].strip()
            for l in capture(model, show_trainable=True) if l.startswith("│")}
    # Keras writes "-" in the Trainable column of layers (and ops) without weights.
    assert rows == {"x (InputLayer)": "-", "d (Dense)": "Y",
                    "expand_dims (ExpandDims)": "-", "r (Reshape)": "-"}
    inner = kerasx.Sequential([kerasx.Input((3,)), layers.Dense(2, name="inner_dense")],
                              name="inner")
    outer = kerasx.Sequential([kerasx.Input((3,)), inner, layers.Dense(1, name="top")])
    nested = capture(outer, expand_nested=True)
    assert any(l.startswith("│    └ inner_dense (Dense)") for l in nested)
    monkeypatch.setenv("COLUMNS", "70")
    assert len(capture(outer)[1]) == 66
