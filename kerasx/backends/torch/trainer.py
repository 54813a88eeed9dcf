"""Step functions for the torch backend: eager autograd, or torch.compile with jit_compile=True."""

import torch


def _maybe_compile(step, jit_compile):
    if jit_compile is True:
        # static shapes: dynamic-shape tracing failed on conv models in torch 2.13
        return torch.compile(step, dynamic=False)
    return step


def make_train_function(trainer, jit_compile=False, steps_per_execution=1):
    step = _maybe_compile(trainer.train_step, jit_compile)

    def run(batches):
        logs = None
        for data in batches:
            logs = step(data)
        return logs

    return run


def make_test_function(trainer, jit_compile=False, steps_per_execution=1):
    step = _maybe_compile(trainer.test_step, jit_compile)

    def run(batches):
        logs = None
        with torch.no_grad():
            for data in batches:
                logs = step(data)
        return logs

    return run


def make_predict_function(trainer, jit_compile=False, steps_per_execution=1):
    step = _maybe_compile(trainer.predict_step, jit_compile)

    def run(batches):
        with torch.no_grad():
            return [step(data) for data in batches]

    return run
