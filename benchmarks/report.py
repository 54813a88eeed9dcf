"""Turns the per-backend result dicts into Markdown tables, a JSON file and a PNG chart."""

import json
import os

TARGET_STEP = 1.10      # fit step vs native
TARGET_KERAS_TORCH = 0.6  # fit step vs Keras 3 on torch
TARGET_EAGER = 1.5      # model(x) at batch 1 vs the native call
TARGET_PREDICT = 3.0    # predict at batch 1 vs the native call
TARGET_LAYER_US = 20.0  # eager overhead per layer


def _get(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def _ms(v):
    return "—" if v is None else (f"{v:.3f}" if v < 1 else f"{v:.2f}" if v < 100 else f"{v:.0f}")


def _s(v):
    return "—" if v is None else f"{v:.2f}"


def _ratio(a, b, target=None):
    if a is None or b is None or b <= 0:
        return "—"
    r = a / b
    mark = "" if target is None else (" ✓" if r <= target else " ✗")
    return f"{r:.2f}x{mark}"


def _native_best(m):
    """The faster native step (the hand-written loop or the framework's fused kernel)."""
    steps = [v for v in (_get(m, "native", "step_ms"), _get(m, "native_fused", "step_ms")) if v is not None]
    return min(steps) if steps else None


def _native_cell(m):
    n, nf = _get(m, "native", "step_ms"), _get(m, "native_fused", "step_ms")
    return _ms(n) if nf is None else f"{_ms(n)} (fused kernel: {_ms(nf)})"


def _variants(m):
    return [k for k in m if k.startswith("kerasx_")]


def markdown(results, machine=""):
    """Returns the Markdown report: training table, inference table, memory table, errors."""
    lines = []
    if machine:
        lines += [machine, ""]
    lines += ["### Training step (`fit`, median ms per step after warm-up)", "",
              "| backend | model | native | kerasx | kerasx/native | Keras 3 | kerasx/keras | "
              "knob rows (kerasx, ms/step and vs native) | first epoch s: native / kerasx / keras |",
              "|---|---|---|---|---|---|---|---|---|"]
    errors = []
    for res in results:
        b = res["backend"]
        for name, m in res["models"].items():
            k, kr = (_get(m, i, "step_ms") for i in ("kerasx", "keras"))
            n = _native_best(m)
            keras_target = TARGET_KERAS_TORCH if b == "torch" else None
            knobs = "; ".join(
                f"{v[len('kerasx_'):]}: {_ms(_get(m, v, 'step_ms'))} ({_ratio(_get(m, v, 'step_ms'), n)})"
                for v in _variants(m)) or "—"
            first = " / ".join(_s(_get(m, i, "first_epoch_s")) for i in ("native", "kerasx", "keras"))
            lines.append(f"| {b} | {name} | {_native_cell(m)} | {_ms(k)} | {_ratio(k, n, TARGET_STEP)} | {_ms(kr)} | "
                         f"{_ratio(k, kr, keras_target)} | {knobs} | {first} |")
            for impl, v in m.items():
                if isinstance(v, dict) and "error" in v:
                    errors.append(f"- {b} / {name} / {impl}: {v['error']}")
    lines += ["", "### Inference (median ms per call)", "",
              "| backend | model | predict b1: native / kerasx / keras | kerasx/native | "
              "predict b256: native / kerasx / keras | eager `model(x)` b1: native / kerasx / keras | "
              "kerasx/native | kerasx overhead per layer (µs) |",
              "|---|---|---|---|---|---|---|---|"]
    for res in results:
        b = res["backend"]
        for name, m in res["models"].items():
            p1 = [_get(m, i, "predict_b1_ms") for i in ("native", "kerasx", "keras")]
            p256 = [_get(m, i, "predict_b256_ms") for i in ("native", "kerasx", "keras")]
            e1 = [_get(m, i, "eager_b1_ms") for i in ("native", "kerasx", "keras")]
            layers = _get(m, "kerasx", "layers")
            per_layer = "—"
            if e1[0] is not None and e1[1] is not None and layers:
                us = (e1[1] - e1[0]) * 1e3 / layers
                per_layer = f"{us:.1f} ({layers} layers){' ✓' if us <= TARGET_LAYER_US else ' ✗'}"
            lines.append(f"| {b} | {name} | {' / '.join(map(_ms, p1))} | {_ratio(p1[1], p1[0], TARGET_PREDICT)} | "
                         f"{' / '.join(map(_ms, p256))} | {' / '.join(map(_ms, e1))} | "
                         f"{_ratio(e1[1], e1[0], TARGET_EAGER)} | {per_layer} |")
    if any(_get(res, "memory") for res in results):
        lines += ["", "### Peak memory while training (MiB above the post-import RSS, fresh process each)", "",
                  "| backend | model | native | kerasx | kerasx/native | Keras 3 |", "|---|---|---|---|---|---|"]
        for res in results:
            for name, m in (res.get("memory") or {}).items():
                n, k, kr = (_get(m, i, "peak_mb") for i in ("native", "kerasx", "keras"))
                f = lambda v: "—" if v is None else f"{v:.0f}"
                lines.append(f"| {res['backend']} | {name} | {f(n)} | {f(k)} | {_ratio(k, n, 1.2)} | {f(kr)} |")
                for impl, v in m.items():
                    if isinstance(v, dict) and "error" in v:
                        errors.append(f"- {res['backend']} / {name} / memory {impl}: {v['error']}")
    notes = [f"- {res['backend']}: {n}" for res in results for n in res.get("notes", [])]
    if notes:
        lines += ["", "Notes:"] + notes
    if errors:
        lines += ["", "Errors (measurement skipped):"] + errors
    lines += ["", "native: the hand-written loop; where a \"fused kernel\" time is shown (the framework's "
              "own fused LSTM op), kerasx/native and the knob ratios use the faster of the two.",
              "", "✓/✗: within/over the target (fit ≤ 1.10x native, ≤ 0.6x Keras 3 on torch, "
              "predict b1 ≤ 3x, eager b1 ≤ 1.5x native, ≤ 20 µs per layer, memory ≤ 1.2x)."]
    return "\n".join(lines) + "\n"


def write_json(results, path, meta):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)


def bar_chart(results, path):
    """Fit-step time of each implementation relative to native, per backend and model."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    groups, series = [], {}
    impls = ["kerasx", "keras"] + sorted({v for r in results for m in r["models"].values() for v in _variants(m)})
    for res in results:
        for name, m in res["models"].items():
            n = _native_best(m)
            groups.append(f"{res['backend']}\n{name}")
            for impl in impls:
                v = _get(m, impl, "step_ms")
                series.setdefault(impl, []).append(v / n if v is not None and n else 0.0)
    if not groups:
        return None
    fig, ax = plt.subplots(figsize=(max(6, 1.3 * len(groups)), 4.5))
    width = 0.8 / len(impls)
    for i, impl in enumerate(impls):
        xs = [g + (i - (len(impls) - 1) / 2) * width for g in range(len(groups))]
        ax.bar(xs, series[impl], width, label=impl)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.axhline(TARGET_STEP, color="red", linestyle="--", linewidth=0.8, label="target 1.10x")
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups, fontsize=8)
    ax.set_ylabel("fit step time / native step time")
    ax.set_title("kerasx fit step vs hand-written native code (lower is better)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
