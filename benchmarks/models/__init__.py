"""Benchmark models: one Keras-API definition (used for kerasx and Keras 3) and the
hand-written native equivalents per framework (``native_torch``, ``native_jax``,
``native_tf``). Every version has the same architecture, loss and Adam update."""
