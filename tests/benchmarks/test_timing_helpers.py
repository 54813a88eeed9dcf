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
