"""Nested-structure helpers (lists, tuples, namedtuples, dicts), framework-free.

Dicts are traversed in sorted-key order, so flattening is deterministic.
"""

import collections


def is_nested(x):
    return isinstance(x, (list, tuple, dict))


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(x, "_fields")


def _children(x):
    if isinstance(x, dict):
        return [x[k] for k in sorted(x, key=_sort_key)]
    return list(x)


def _sort_key(k):
    return (str(type(k)), k) if not isinstance(k, str) else ("", k)


def flatten(structure):
    """Returns the leaves of ``structure`` as a flat list (None is a leaf)."""
    out = []
    _flatten_into(structure, out)
    return out


def _flatten_into(x, out):
    if isinstance(x, (list, tuple, dict)):
        for c in _children(x):
            _flatten_into(c, out)
    else:
        out.append(x)


def pack_sequence_as(structure, flat_sequence):
    """Rebuilds ``structure``'s nesting with the leaves of ``flat_sequence``."""
    flat = list(flat_sequence)
    it = iter(flat)
    result = _pack(structure, it)
    leftover = list(it)
    if leftover:
        raise ValueError(
            f"pack_sequence_as: structure has fewer leaves than flat_sequence ({len(flat)} given)."
        )
    return result


def _pack(structure, it):
    if isinstance(structure, dict):
        keys = sorted(structure, key=_sort_key)
        vals = {k: _pack(structure[k], it) for k in keys}
        return type(structure)((k, vals[k]) for k in structure) if not isinstance(
            structure, collections.defaultdict) else dict((k, vals[k]) for k in structure)
    if _is_namedtuple(structure):
        return type(structure)(*[_pack(c, it) for c in structure])
    if isinstance(structure, (list, tuple)):
        return type(structure)(_pack(c, it) for c in structure)
    try:
        return next(it)
    except StopIteration:
        raise ValueError("pack_sequence_as: flat_sequence has fewer leaves than structure.") from None


def map_structure(fn, *structures):
    """Applies ``fn`` to corresponding leaves of one or more same-shaped structures."""
    if not structures:
        raise ValueError("map_structure needs at least one structure.")
    flats = [flatten(s) for s in structures]
    n = len(flats[0])
    for f in flats[1:]:
        if len(f) != n:
            raise ValueError(
                f"map_structure: structures have different numbers of leaves ({n} vs {len(f)})."
            )
    return pack_sequence_as(structures[0], [fn(*leaves) for leaves in zip(*flats)])


def traverse(fn, structure):
    """Calls ``fn`` on every leaf; returns nothing."""
    for leaf in flatten(structure):
        fn(leaf)
