"""Writing a ``.keras`` zip whose weights member h5py writes in place (no copy).

An HDF5 file may start with a "user block" of 512 * 2**k bytes that the library
ignores; the HDF5 data after it is also a valid file on its own. We create the
archive file with h5py and a user block just large enough for the zip headers
and the small members (``metadata.json``, ``config.json``), let h5py write the
weights after it, then fill the user block with those zip records, ending with the
weights member's local header, and append the central directory. The result is an
ordinary stored (uncompressed) zip: ``zipfile`` and Keras 3 read it, and the
weights member extracted on its own is a normal HDF5 file.

Because the weights member starts at a user-block boundary, h5py can also open
the archive itself to read the weights (it finds the HDF5 signature at the first
boundary), which makes loading our own files copy-free.
"""

import struct
import time
import zlib

_LOCAL = struct.Struct("<IHHHHHIIIHH")          # local file header (30 bytes)
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # central directory header (46 bytes)
_END = struct.Struct("<IHHHHIIH")               # end of central directory (22 bytes)
_END64 = struct.Struct("<IQHHIIQQQQ")           # zip64 end of central directory (56 bytes)
_LOC64 = struct.Struct("<IIQI")                 # zip64 end of central directory locator
_MAX32 = 0xFFFFFFFF
_PAD_ID = 0xCAFE  # an extra field id no reader interprets: padding


_CRC_POLY = 0xEDB88320  # CRC-32 (zip), bit-reflected: bit 31 is the x**0 coefficient


def _crc_mulmod(a, b):
    """Product of two polynomials modulo the CRC-32 polynomial (reflected bit order)."""
    top = 1 << 31
    product = 0
    while a:
        if a & top:
            product ^= b
        a = (a << 1) & _MAX32
        b = (b >> 1) ^ _CRC_POLY if b & 1 else b >> 1
    return product


def _byte_shift_powers(count=64):
    """``[x ** (8 * 2**k) mod P for k < count]``: the shift of a CRC register by 2**k
    zero bytes, so a shift by ``n`` bytes costs one product per set bit of ``n``."""
    powers = [1 << 23]  # x ** 8 (one byte)
    while len(powers) < count:
        powers.append(_crc_mulmod(powers[-1], powers[-1]))
    return tuple(powers)


_SHIFT_POWERS = _byte_shift_powers()
_SHIFT_TABLES = {}  # k -> byte tables of "multiply by _SHIFT_POWERS[k]", built on first use


def _multiply_tables(p):
    """Four 256-entry tables with ``v * p mod P == T0[v & 255] ^ T1[v >> 8 & 255] ^ ...``.

    Multiplying by a fixed ``p`` is linear in ``v``: the tables hold the images of
    every byte value in each of the four byte lanes.
    """
    images = [0] * 32  # images[b]: the product for v == 1 << b (bit 31 - j is x ** j)
    v = p
    for j in range(32):
        images[31 - j] = v
        v = (v >> 1) ^ _CRC_POLY if v & 1 else v >> 1  # times x
    tables = []
    for lane in range(4):
        table = [0] * 256
        for bit in range(8):
            step, image = 1 << bit, images[8 * lane + bit]
            for i in range(step):
                table[i | step] = table[i] ^ image
        tables.append(table)
    return tables


def crc32_combine(crc1, crc2, len2):
    """CRC-32 of ``A + B`` from ``crc32(A)``, ``crc32(B)`` and ``len(B)`` (O(log len2)).

    Example:
        >>> crc32_combine(zlib.crc32(b"ab"), zlib.crc32(b"cd"), 2) == zlib.crc32(b"abcd")
        True
    """
    if len2 < 0 or len2 >= 1 << len(_SHIFT_POWERS):
        raise ValueError(f"crc32_combine: len2 must be in [0, 2**64), got {len2}.")
    k = 0
    while len2:
        if len2 & 1:
            tables = _SHIFT_TABLES.get(k)
            if tables is None:  # two threads may both build it: same result
                tables = _SHIFT_TABLES[k] = _multiply_tables(_SHIFT_POWERS[k])
            t0, t1, t2, t3 = tables
            crc1 = t0[crc1 & 255] ^ t1[crc1 >> 8 & 255] ^ t2[crc1 >> 16 & 255] ^ t3[crc1 >> 24]
        len2 >>= 1
        k += 1
    return crc1 ^ crc2


def region_crc(fileobj, start, end, known, chunk=16 << 20):
    """CRC-32 of the file bytes ``[start, end)``.

    ``known`` lists ``(offset, length, crc)`` of byte ranges whose CRC is already
    computed (they must lie in the region and not overlap); only the bytes in
    between are read from ``fileobj``.
    """
    crc, pos = 0, start
    buffer = None  # one reused read buffer: no fresh memory per block
    for offset, length, piece_crc in sorted(known) + [(end, 0, 0)]:
        if offset < pos or offset + length > end:
            continue  # not a valid range: its bytes are read with the next gap
        fileobj.seek(pos)
        while pos < offset:
            if buffer is None:
                buffer = memoryview(bytearray(min(chunk, end - start)))
            n = fileobj.readinto(buffer[:min(len(buffer), offset - pos)])
            if not n:
                raise ValueError(f"zip_inplace: the file ends at {pos}, before offset {offset}.")
            crc = zlib.crc32(buffer[:n], crc)
            pos += n
        if length:
            crc = crc32_combine(crc, piece_crc, length)
            pos = offset + length
    return crc


def _dos_time():
    t = time.localtime()
    return ((t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2),
            ((t.tm_year - 1980) << 9) | (t.tm_mon << 5) | t.tm_mday)


def _local_header(name, crc, size, extra, dos):
    small = size < _MAX32
    return _LOCAL.pack(0x04034B50, 20 if small else 45, 0, 0, dos[0], dos[1], crc,
                       size if small else _MAX32, size if small else _MAX32,
                       len(name), len(extra)) + name + extra


def _prefix(members, dos):
    prefix, entries = b"", []
    for name, data in members:
        name_b = name.encode("utf8")
        crc = zlib.crc32(data)
        entries.append((name_b, crc, len(data), len(prefix)))
        prefix += _local_header(name_b, crc, len(data), b"", dos) + data
    return prefix, entries


def userblock_layout(members, weights_name):
    """Plans the user block: ``(prefix, entries, userblock_size, dos_time)``.

    ``prefix`` holds the small members' records; ``userblock_size`` leaves room
    after it for the weights member's local header. When the leftover room would
    not fit in one extra field, the last member (JSON) is padded with spaces.
    """
    dos = _dos_time()
    prefix, entries = _prefix(members, dos)
    head = _LOCAL.size + len(weights_name.encode("utf8")) + 24
    size = 512
    while size < len(prefix) + head:
        size *= 2
    slack = size - len(prefix) - head
    if slack > 60000 and members:
        name, data = members[-1]
        members = list(members[:-1]) + [(name, data + b" " * slack)]
        prefix, entries = _prefix(members, dos)
    return prefix, entries, size, dos


def finish_archive(fileobj, prefix, entries, userblock, dos, weights_name, known=()):
    """Fills the user block and appends the central directory (``fileobj`` opened r+b).

    ``known``: ``(offset, length, crc)`` of weights-file byte ranges already
    checksummed (see ``region_crc``); the rest of the weights member is read back.
    """
    fileobj.seek(0, 2)
    end = fileobj.tell()
    size = end - userblock
    crc = region_crc(fileobj, userblock, end, known)
    name_b = weights_name.encode("utf8")
    w_offset = len(prefix)
    zip64_local = size >= _MAX32
    head_len = _LOCAL.size + len(name_b)
    room = userblock - w_offset - head_len
    extra = b""
    if zip64_local:
        extra = struct.pack("<HHQQ", 1, 16, size, size)
    pad = room - len(extra)
    extra += struct.pack("<HH", _PAD_ID, pad - 4) + b"\0" * (pad - 4)
    header = _local_header(name_b, crc, size, extra, dos)
    assert len(prefix) + len(header) == userblock
    fileobj.seek(0)
    fileobj.write(prefix + header)
    # Central directory.
    fileobj.seek(end)
    central = b""
    all_entries = list(entries) + [(name_b, crc, size, w_offset)]
    for name, c, n, offset in all_entries:
        ext = b""
        fields = []
        if n >= _MAX32:
            fields += [n, n]
        if offset >= _MAX32:
            fields.append(offset)
        if fields:
            ext = struct.pack("<HH", 1, 8 * len(fields)) + struct.pack(f"<{len(fields)}Q", *fields)
        version = 45 if fields else 20
        central += _CENTRAL.pack(
            0x02014B50, (3 << 8) | version, version, 0, 0, dos[0], dos[1], c,
            min(n, _MAX32), min(n, _MAX32), len(name), len(ext), 0, 0, 0, 0o644 << 16,
            min(offset, _MAX32)) + name + ext
    cd_offset = end
    count = len(all_entries)
    tail = central
    if cd_offset >= _MAX32:
        end64 = cd_offset + len(central)
        tail += _END64.pack(0x06064B50, 44, (3 << 8) | 45, 45, 0, 0, count, count,
                            len(central), cd_offset)
        tail += _LOC64.pack(0x07064B50, 0, end64, 1)
    tail += _END.pack(0x06054B50, 0, 0, count, count, len(central), min(cd_offset, _MAX32), 0)
    fileobj.write(tail)  # the file ends here: it was exactly ``end`` bytes long
