"""Benchmarks: ``python -m benchmarks`` runs the cross-backend suite (see ``__main__``);
single tools run as ``python -m benchmarks.<name>`` (bench_dispatch, bench_saving,
profile_fit, op_counts)."""
