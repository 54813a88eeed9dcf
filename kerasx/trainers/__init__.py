"""The single compile/fit/evaluate/predict loop shared by every backend."""
