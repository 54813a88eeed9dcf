"""Framework operations per training step, kerasx ``fit`` vs the native loop (load-independent).

Run: ``KERASX_BACKEND=torch python -m benchmarks.op_counts`` (torch or tensorflow).
torch: aten operators dispatched per step (a TorchDispatchMode counter), by name.
tensorflow: nodes in the traced step graph (kerasx's ``train_function`` vs the native
``tf.function`` step). Timing on a loaded machine is noisy; these counts are not,
and they show where kerasx does extra work.
"""

import argparse
import collections
import importlib


def _torch_counts(run, steps):
    from torch.utils._python_dispatch import TorchDispatchMode

    class Counter(TorchDispatchMode):
        def __init__(self):
            super().__init__()
            self.ops = collections.Counter()

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            self.ops[str(func.overloadpacket.__name__)] += 1
            return func(*args, **(kwargs or {}))

    with Counter() as c:
        run()
    return {k: v / steps for k, v in c.ops.items()}


def _tf_graph_ops(fn, *args):
    concrete = fn.get_concrete_function(*args)
    ops = collections.Counter(op.type for op in concrete.graph.get_operations())
    return dict(ops)


def main(argv=None):
    from benchmarks.cli import MODELS
    p = argparse.ArgumentParser(prog="python -m benchmarks.op_counts", description=__doc__.splitlines()[0])
    p.add_argument("--models", default=",".join(MODELS))
    p.add_argument("--top", type=int, default=12)
    args = p.parse_args(argv)
    import kerasx
    import kerasx.callbacks, kerasx.layers, kerasx.losses, kerasx.optimizers  # noqa: E401,F401
    from benchmarks.models.keras_api import build, compile_model
    from benchmarks.models.specs import SPECS, make_data
    from benchmarks.runner import NATIVE_MODULE
    backend = kerasx.config.backend()
    if backend not in ("torch", "tensorflow"):
        raise SystemExit(f"op_counts supports torch and tensorflow, not {backend!r} "
                         "(for JAX, dump HLO with XLA_FLAGS=--xla_dump_to=DIR).")
    for name in args.models.split(","):
        batch, steps = SPECS[name]["batch"], 4
        x, y = make_data(name, steps * batch)
        model = compile_model(kerasx, build(kerasx, name))
        model.fit(x, y, batch_size=batch, epochs=1, shuffle=False, verbose=0)
        native = importlib.import_module(NATIVE_MODULE[backend]).Native(name)
        batches = native.prepare(x, y, batch)
        native.train_epoch(batches)
        if backend == "torch":
            k = _torch_counts(lambda: model.fit(x, y, batch_size=batch, epochs=1, shuffle=False, verbose=0), steps)
            n = _torch_counts(lambda: native.train_epoch(batches), steps)
            unit = "aten ops per step"
        else:
            import tensorflow as tf
            compiled = [c.cell_contents for c in model.train_function.__closure__
                        if isinstance(c.cell_contents, tf.types.experimental.PolymorphicFunction)][0]
            kb = [tuple(tf.constant(a) for a in (x[:batch], y[:batch]))]
            k = _tf_graph_ops(compiled, kb)
            n = _tf_graph_ops(native._step, *batches[0])
            unit = "graph nodes in the step"
        print(f"== {backend} / {name}: kerasx {sum(k.values()):.0f} vs native {sum(n.values()):.0f} {unit}")
        diff = {op: k.get(op, 0) - n.get(op, 0) for op in set(k) | set(n)}
        for op, d in sorted(diff.items(), key=lambda kv: -abs(kv[1]))[:args.top]:
            if d:
                print(f"   {op:<32} kerasx {k.get(op, 0):7.1f}  native {n.get(op, 0):7.1f}  ({d:+.1f})")


if __name__ == "__main__":
    main()
