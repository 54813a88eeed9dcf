"""A model's compile arguments as a Keras 3 ``compile_config`` (and back).

``Model.compile`` records its arguments; ``get_compile_config`` serializes them
(the optimizer with its current hyperparameters, losses and metrics by name or
config) and ``compile_from_config`` calls ``compile`` again when a model is loaded.
"""

import warnings

_DEFAULTS = {"optimizer": "rmsprop", "loss": None, "loss_weights": None, "metrics": None,
             "weighted_metrics": None, "run_eagerly": False, "steps_per_execution": 1,
             "jit_compile": "auto", "auto_scale_loss": True}
_KEYS = tuple(_DEFAULTS)


def make_recording_compile(trainer_compile):
    """Wraps ``Trainer.compile`` so that the arguments are kept for saving."""

    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None,
                weighted_metrics=None, run_eagerly=False, steps_per_execution=1,
                jit_compile="auto", auto_scale_loss=True):
        result = trainer_compile(
            self, optimizer=optimizer, loss=loss, loss_weights=loss_weights, metrics=metrics,
            weighted_metrics=weighted_metrics, run_eagerly=run_eagerly,
            steps_per_execution=steps_per_execution, jit_compile=jit_compile,
            auto_scale_loss=auto_scale_loss)
        self.__dict__["_kx_compile_args"] = {
            "loss": loss, "loss_weights": loss_weights, "metrics": metrics,
            "weighted_metrics": weighted_metrics, "run_eagerly": run_eagerly,
            "steps_per_execution": steps_per_execution, "jit_compile": jit_compile}
        return result

    compile.__doc__ = trainer_compile.__doc__
    compile.__name__ = "compile"
    return compile


def get_compile_config(model):
    """Returns the Keras 3 ``compile_config`` dict of a compiled model (None otherwise)."""
    from kerasx.saving.serialization_lib import serialize_keras_object
    if not getattr(model, "compiled", False):
        return None
    args = model.__dict__.get("_kx_compile_args")
    if args is None:
        args = {"loss": getattr(model, "loss", None)}
    config = {"optimizer": serialize_keras_object(model.optimizer)}
    for key in ("loss", "loss_weights", "metrics", "weighted_metrics"):
        config[key] = serialize_keras_object(args.get(key))
    config["run_eagerly"] = bool(args.get("run_eagerly", False))
    config["steps_per_execution"] = int(args.get("steps_per_execution", 1))
    jit = args.get("jit_compile", "auto")
    config["jit_compile"] = jit if isinstance(jit, bool) else False
    return config


def _deserialize(value, custom_objects):
    from kerasx.saving.serialization_lib import deserialize_keras_object
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        return [_deserialize(v, custom_objects) for v in value]
    if isinstance(value, dict) and "class_name" in value:
        return deserialize_keras_object(value, custom_objects=custom_objects)
    if isinstance(value, dict):
        return {k: _deserialize(v, custom_objects) for k, v in value.items()}
    return value


def compile_from_config(model, config, custom_objects=None):
    """Compiles ``model`` from a ``compile_config`` (Keras 3) or ``training_config`` (Keras 2).

    The optimizer's slots are created right away when the model is built, so
    that its saved variables can be loaded next.
    """
    if not config:
        return
    config = dict(config)
    opt = config.pop("optimizer", None)
    if opt is None and "optimizer_config" in config:
        opt = config.pop("optimizer_config")
    from kerasx import optimizers
    if isinstance(opt, dict):
        from kerasx.saving.serialization_lib import deserialize_keras_object
        opt = deserialize_keras_object(opt, custom_objects=custom_objects)
    kwargs = {k: _deserialize(config[k], custom_objects) for k in
              ("loss", "loss_weights", "metrics", "weighted_metrics") if k in config}
    for key in ("run_eagerly", "steps_per_execution", "jit_compile"):
        if key in config and config[key] is not None:
            kwargs[key] = config[key]
    try:
        model.compile(optimizer=optimizers.get(opt if opt is not None else "rmsprop"), **kwargs)
    except (TypeError, ValueError) as e:
        warnings.warn(
            f"Model {getattr(model, 'name', '?')!r} was loaded uncompiled: its saved compile "
            f"arguments could not be restored ({e}). Call model.compile(...) before training.",
            stacklevel=3)
        return
    if getattr(model, "built", False) and model.trainable_variables and not model.optimizer.built:
        model.optimizer.build(model.trainable_variables)
