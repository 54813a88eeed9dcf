"""The benchmark's timing helpers: what they call and return (no speed is asserted)."""

from benchmarks.timing import paired_median_ms_per_call


def test_paired_timing_calls_every_side_equally_and_rotates_the_order():
    order, counts = [], {"a": 0, "b": 0, "c": 0}

    def make(label):
        def fn():
            counts[label] += 1
            order.append(label)
            return label
        return fn

    synced = []
    out = paired_median_ms_per_call({k: make(k) for k in counts}, synced.append, calls=4,
                                    repeats=3, warmup=2)
    assert set(out) == {"a", "b", "c"} and all(v >= 0 for v in out.values())
    assert counts == {"a": 2 + 4 * 3, "b": 2 + 4 * 3, "c": 2 + 4 * 3}
    timed = order[6:]  # after the warm-up calls
    firsts = [timed[i * 12] for i in range(3)]  # the first side sampled in each round
    assert firsts == ["a", "b", "c"]
    assert len(synced) == 6 + 9  # every warm-up call and every sample is synchronised


def test_paired_fit_interleaves_one_epoch_each_and_takes_medians():
    from types import SimpleNamespace

    from benchmarks import runner
    order = []
    epoch_s = {"native": 0.2, "kerasx": 0.1, "keras": 0.4}

    def native_fit(native, batches, epochs):
        assert epochs == 1
        order.append("native")
        return [epoch_s["native"]]

    def api_fit(lib_name, model, x, y, batch, epochs):
        assert epochs == 1 and model == lib_name + "-model"
        order.append(lib_name)
        return [epoch_s[lib_name]]

    bench = SimpleNamespace(args=SimpleNamespace(repeats=5, steps=20), native_fit=native_fit,
                            api_fit=api_fit)
    out = {"native": {"step_ms": -1.0}, "kerasx": {"step_ms": -1.0},
           "keras": {"error": "not importable"}}
    models = {"kerasx": "kerasx-model", "keras": "keras-model"}
    runner._paired_fit(bench, out, "net", "batches", models, "x", "y", 32)
    assert order[:4] == ["native", "kerasx", "kerasx", "native"]  # rotating start
    assert order.count("native") == order.count("kerasx") == 6 and "keras" not in order
    assert out["native"]["step_ms"] == 0.2 / 20 * 1e3 and out["kerasx"]["step_ms"] == 5.0
    assert out["native"]["paired"] and len(out["kerasx"]["epoch_samples_s"]) == 6
    assert out["keras"] == {"error": "not importable"}
