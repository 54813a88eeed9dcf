"""Products (matmul, einsum ...), linalg and math ops against NumPy."""

import numpy as np
import pytest

from kerasx import ops
from ops_helpers import check, randn, sym, to_np

A = randn(3, 4, seed=1)
B4 = randn(4, 5, seed=2)
SPD = (lambda m: m @ m.T + 3 * np.eye(3, dtype="float32"))(randn(3, 3, seed=3))


@pytest.mark.parametrize("s1,s2", [((3, 4), (4, 5)), ((2, 3, 4), (4, 5)), ((2, 3, 4), (2, 4, 5)),
                                   ((4,), (4, 5)), ((3, 4), (4,)), ((1, 3, 4), (2, 4, 2))])
def test_matmul(s1, s2):
    a, b = randn(*s1, seed=1), randn(*s2, seed=2)
    check(ops.matmul(a, b), np.matmul(a, b), rtol=1e-5, atol=1e-5)
    if len(s1) > 1 and len(s2) <= 2:  # leading dim unknown, not broadcast against x2
        out = ops.matmul(sym((None,) + s1[1:]), sym(s2))
        assert out.shape == (None,) + np.matmul(a, b).shape[1:]


def test_matmul_int_and_mixed_dtypes():
    a = np.arange(6, dtype="int32").reshape(2, 3)
    check(ops.matmul(a, a.T), a @ a.T, dtype="int32")
    check(ops.matmul(a, a.T.astype("float32")), a @ a.T, dtype="float32")


def test_products():
    check(ops.dot(A, B4), A @ B4, rtol=1e-5, atol=1e-6)
    check(ops.dot(A[0], A[1]), np.dot(A[0], A[1]), rtol=1e-5)
    check(ops.dot(randn(2, 3, 4), B4), np.dot(randn(2, 3, 4), B4), rtol=1e-5, atol=1e-5)
    check(ops.vdot(A, A), np.vdot(A, A), rtol=1e-5)
    check(ops.inner(A, A), np.inner(A, A), rtol=1e-5, atol=1e-6)
    check(ops.outer(A[0], B4[0]), np.outer(A[0], B4[0]))
    check(ops.tensordot(A, B4, axes=1), np.tensordot(A, B4, axes=1), rtol=1e-5, atol=1e-6)
    check(ops.tensordot(A, A, axes=([0, 1], [0, 1])), np.tensordot(A, A, axes=([0, 1], [0, 1])),
          rtol=1e-5)
    check(ops.kron(np.array([1, 2]), np.array([[1, 10], [100, 1000]])),
          np.kron([1, 2], [[1, 10], [100, 1000]]))
    check(ops.trace(A), np.trace(A))
    check(ops.trace(randn(2, 3, 3), offset=1, axis1=1, axis2=2),
          np.trace(randn(2, 3, 3), offset=1, axis1=1, axis2=2), rtol=1e-5)
    u, v = randn(4, 3, seed=4), randn(4, 3, seed=5)
    check(ops.cross(u, v), np.cross(u, v), rtol=1e-5, atol=1e-6)
    check(ops.cross(u.T, v.T, axisa=0, axisb=0, axisc=0), np.cross(u.T, v.T, axisa=0, axisb=0, axisc=0),
          rtol=1e-5, atol=1e-6)
    assert ops.tensordot(sym((None, 4)), sym((4, 5)), axes=1).shape == (None, 5)


@pytest.mark.parametrize("subscripts,shapes", [
    ("ij,jk->ik", [(3, 4), (4, 5)]), ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("ii->", [(3, 3)]), ("ij->ji", [(3, 4)]), ("i,i->", [(4,), (4,)]),
    ("...ij,...jk->...ik", [(2, 3, 4), (2, 4, 2)]), ("ij,j,k->ik", [(3, 4), (4,), (2,)])])
def test_einsum(subscripts, shapes):
    operands = [randn(*s, seed=i) for i, s in enumerate(shapes)]
    check(ops.einsum(subscripts, *operands), np.einsum(subscripts, *operands), rtol=1e-5, atol=1e-5)


def test_correlate_corrcoef_trapezoid_slogdet():
    a, v = np.array([1.0, 2.0, 3.0, 4.0], "float32"), np.array([0.0, 1.0, 0.5], "float32")
    for mode in ("valid", "same", "full"):
        check(ops.correlate(a, v, mode=mode), np.correlate(a, v, mode=mode), rtol=1e-5)
    check(ops.corrcoef(A), np.corrcoef(A), rtol=1e-4, atol=1e-5)
    check(ops.trapezoid(A), np.trapezoid(A), rtol=1e-5, atol=1e-6)
    check(ops.trapezoid(A, dx=0.5, axis=0), np.trapezoid(A, dx=0.5, axis=0), rtol=1e-5, atol=1e-6)
    xs = np.array([0.0, 1.0, 3.0, 4.0], "float32")
    check(ops.trapezoid(A, x=xs), np.trapezoid(A, x=xs), rtol=1e-5, atol=1e-6)
    sign, logdet = ops.slogdet(SPD)
    es, el = np.linalg.slogdet(SPD)
    check(sign, es)
    check(logdet, el, rtol=1e-5)


def test_linalg_decompositions():
    check(ops.det(SPD), np.linalg.det(SPD), rtol=1e-4)
    check(ops.inv(SPD), np.linalg.inv(SPD), rtol=1e-4, atol=1e-5)
    L = ops.cholesky(SPD)
    check(L, np.linalg.cholesky(SPD), rtol=1e-4, atol=1e-5)
    U = to_np(ops.cholesky(SPD, upper=True))
    np.testing.assert_allclose(U.T @ U, SPD, rtol=1e-4, atol=1e-4)
    assert np.allclose(np.tril(U, -1), 0)
    w, v = ops.eigh(SPD)
    check(w, np.linalg.eigvalsh(SPD), rtol=1e-4)
    v = to_np(v)
    np.testing.assert_allclose(SPD @ v, v * to_np(w), rtol=1e-3, atol=1e-4)
    for mode, qshape in (("reduced", (4, 3)), ("complete", (4, 4))):
        q, r = ops.qr(A.T, mode=mode)
        assert to_np(q).shape == qshape
        np.testing.assert_allclose(to_np(q) @ to_np(r), A.T, rtol=1e-4, atol=1e-5)
    u, s, vh = ops.svd(A)
    assert to_np(u).shape == (3, 3) and to_np(vh).shape == (4, 4)
    check(s, np.linalg.svd(A, compute_uv=False), rtol=1e-4)
    u, s, vh = ops.svd(A, full_matrices=False)
    np.testing.assert_allclose((to_np(u) * to_np(s)) @ to_np(vh), A, rtol=1e-4, atol=1e-5)
    check(ops.svd(A, compute_uv=False), np.linalg.svd(A, compute_uv=False), rtol=1e-4)


def test_eig_general():
    m = np.array([[2.0, 0.0], [1.0, 3.0]], "float32")
    w, v = ops.eig(m)
    w, v = to_np(w), to_np(v)
    np.testing.assert_allclose(np.sort(w.real), [2.0, 3.0], rtol=1e-5)
    np.testing.assert_allclose(m @ v, v * w, rtol=1e-4, atol=1e-5)


def test_lu_factor_matches_scipy_layout():
    m = np.array([[1.0, 2.0, 0.0], [3.0, 4.0, 1.0], [0.5, 1.0, 2.0]], "float32")
    lu, piv = ops.lu_factor(m)
    lu, piv = to_np(lu), to_np(piv)
    L = np.tril(lu, -1) + np.eye(3)
    U = np.triu(lu)
    perm = np.arange(3)
    for i, p in enumerate(piv):
        perm[[i, p]] = perm[[p, i]]
    np.testing.assert_allclose(L @ U, m[perm], rtol=1e-5, atol=1e-6)
    assert piv[0] == 1  # the largest pivot of the first column is row 1


def test_solvers():
    b = randn(3, 2, seed=7)
    check(ops.solve(SPD, b), np.linalg.solve(SPD, b), rtol=1e-4, atol=1e-5)
    check(ops.solve(SPD, b[:, 0]), np.linalg.solve(SPD, b[:, 0]), rtol=1e-4, atol=1e-5)
    low = np.tril(SPD)
    check(ops.solve_triangular(low, b, lower=True), np.linalg.solve(low, b), rtol=1e-4, atol=1e-5)
    up = np.triu(SPD)
    check(ops.solve_triangular(up, b), np.linalg.solve(up, b), rtol=1e-4, atol=1e-5)
    a = randn(5, 3, seed=8)
    y = randn(5, seed=9)
    check(ops.lstsq(a, y), np.linalg.lstsq(a, y, rcond=None)[0], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("ord,axis", [(None, None), (None, -1), (1, 0), (np.inf, 1), (3, -1),
                                      (0, 1), ("fro", None), ("fro", (0, 1)), ("nuc", None),
                                      (1, (0, 1)), (np.inf, (0, 1)), (2, (0, 1))])
def test_norm(ord, axis):
    check(ops.norm(A, ord=ord, axis=axis), np.linalg.norm(A, ord=ord, axis=axis), rtol=1e-4, atol=1e-5)


def test_norm_keepdims_and_3d():
    x = randn(2, 3, 4)
    check(ops.norm(x), np.linalg.norm(x.ravel()), rtol=1e-5)
    check(ops.norm(x, axis=-1, keepdims=True), np.linalg.norm(x, axis=-1, keepdims=True), rtol=1e-5)
    assert ops.norm(sym((None, 4)), axis=-1).shape == (None,)


def test_segments_topk():
    data = np.array([[1.0, 2.0], [3.0, -4.0], [5.0, 6.0], [0.5, 0.5]], "float32")
    ids = np.array([0, 0, 2, 2], "int32")
    check(ops.segment_sum(data, ids), [[4.0, -2.0], [0.0, 0.0], [5.5, 6.5]])
    check(ops.segment_sum(data, ids, num_segments=4), [[4.0, -2.0], [0, 0], [5.5, 6.5], [0, 0]])
    check(ops.segment_max(data, ids, num_segments=3, sorted=True)[0::2], [[3.0, 2.0], [5.0, 6.0]])
    x = np.array([[1.0, 5.0, 3.0, 4.0], [9.0, 0.0, 2.0, 8.0]], "float32")
    values, idx = ops.top_k(x, 2)
    check(values, [[5.0, 4.0], [9.0, 8.0]])
    check(idx, [[1, 3], [0, 3]], dtype="int32")
    check(ops.in_top_k(np.array([3, 2], "int32"), x, 2), [True, False])
    check(ops.logsumexp(x, axis=-1), np.log(np.exp(x).sum(-1)), rtol=1e-5)
    check(ops.logsumexp(x), np.log(np.exp(x).sum()), rtol=1e-5)
    check(ops.logsumexp(x, axis=0, keepdims=True), np.log(np.exp(x).sum(0, keepdims=True)), rtol=1e-5)


def test_math_elementwise():
    from math import erf
    x = np.array([-1.5, -0.2, 0.0, 0.7, 2.0], "float32")
    check(ops.erf(x), [erf(v) for v in x], rtol=1e-5, atol=1e-6)
    y = np.array([-0.9, -0.3, 0.0, 0.5, 0.95], "float32")
    check(ops.erf(ops.erfinv(y)), y, rtol=1e-4, atol=1e-5)
    check(ops.rsqrt(np.array([4.0, 0.25], "float32")), [0.5, 2.0])
    check(ops.logdet(SPD), np.log(np.linalg.det(SPD)), rtol=1e-4)


def test_extract_sequences_and_ffts():
    x = np.arange(10, dtype="float32").reshape(2, 5)
    out = ops.extract_sequences(x, 3, 2)
    check(out, np.stack([x[:, 0:3], x[:, 2:5]], axis=1))
    re, im = randn(2, 8, seed=1), randn(2, 8, seed=2)
    z = re + 1j * im
    fr, fi = ops.fft((re, im))
    check(fr, np.fft.fft(z).real, rtol=1e-4, atol=1e-4)
    check(fi, np.fft.fft(z).imag, rtol=1e-4, atol=1e-4)
    fr, fi = ops.fft2((re, im))
    check(fr, np.fft.fft2(z).real, rtol=1e-4, atol=1e-4)
    br, bi = ops.ifft2((fr, fi))
    check(br, re, rtol=1e-4, atol=1e-4)
    check(bi, im, rtol=1e-4, atol=1e-4)
    rr, ri = ops.rfft(re)
    check(rr, np.fft.rfft(re).real, rtol=1e-4, atol=1e-4)
    check(ri, np.fft.rfft(re).imag, rtol=1e-4, atol=1e-4)
    rr, ri = ops.rfft(re, fft_length=6)
    check(rr, np.fft.rfft(re, n=6).real, rtol=1e-4, atol=1e-4)
    back = ops.irfft(ops.rfft(re))
    check(back, re, rtol=1e-4, atol=1e-4)
    check(ops.irfft(ops.rfft(re), fft_length=8), np.fft.irfft(np.fft.rfft(re), n=8), rtol=1e-4, atol=1e-4)
