// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title StatusBits
/// @notice A bitmap laid out as a W3C Bitstring Status List: index 0 is the most significant bit of
/// word 0, so the big-endian bytes of words 0, 1, 2… are the status list's bitstring as is.
/// @dev A range set at once (a whole Merkle batch revoked) is written in two levels, so that its cost
/// does not grow with one word per 256 entries: the partial words at either end go into the bitmap
/// itself, and each whole word in between is marked by one bit of a second bitmap (`wholeWords`, bit w
/// set: word w reads as all ones). `isSet` and `words` merge the two; `get`, `set` and `clear` see the
/// first level only, which is exact for every index outside a range set by `setRange`.
library StatusBits {
    function _mask(uint256 index) private pure returns (uint256) {
        return uint256(1) << (255 - (index & 0xff));
    }

    /// @notice Bit `index` of the first level (not of the whole words set by `setRange`).
    function get(mapping(uint256 => uint256) storage bits, uint256 index) internal view returns (bool) {
        return bits[index >> 8] & _mask(index) != 0;
    }

    /// @return changed false if the bit was already set.
    function set(mapping(uint256 => uint256) storage bits, uint256 index) internal returns (bool changed) {
        uint256 word = bits[index >> 8];
        uint256 mask = _mask(index);
        if (word & mask != 0) return false;
        bits[index >> 8] = word | mask;
        return true;
    }

    /// @return changed false if the bit was already clear.
    function clear(mapping(uint256 => uint256) storage bits, uint256 index) internal returns (bool changed) {
        uint256 word = bits[index >> 8];
        uint256 mask = _mask(index);
        if (word & mask == 0) return false;
        bits[index >> 8] = word & ~mask;
        return true;
    }

    /// @notice Sets bits `from` to `from + count - 1`: the partial words at either end in `bits`, the
    /// whole words in between as bits of `wholeWords`. At most 4 + count / 65536 storage writes.
    /// @dev Callers keep `from + count` far below 2^256 (status indexes are 48-bit).
    function setRange(
        mapping(uint256 => uint256) storage bits,
        mapping(uint256 => uint256) storage wholeWords,
        uint256 from,
        uint256 count
    ) internal {
        uint256 end = from + count;
        uint256 firstWhole = (from + 255) >> 8;
        uint256 endWhole = end >> 8;
        if (firstWhole >= endWhole) {
            // No word lies wholly inside the range: at most two partial words.
            _setBits(bits, from, end);
            return;
        }
        _setBits(bits, from, firstWhole << 8);
        _setBits(wholeWords, firstWhole, endWhole);
        _setBits(bits, endWhole << 8, end);
    }

    /// @notice Bit `index` of the list, both levels merged.
    function isSet(
        mapping(uint256 => uint256) storage bits,
        mapping(uint256 => uint256) storage wholeWords,
        uint256 index
    ) internal view returns (bool) {
        return get(wholeWords, index >> 8) || get(bits, index);
    }

    /// @notice Words `fromWord` to `fromWord + wordCount - 1` of the list, both levels merged (each word
    /// of `wholeWords` is read once for the 256 words it covers).
    function words(
        mapping(uint256 => uint256) storage bits,
        mapping(uint256 => uint256) storage wholeWords,
        uint256 fromWord,
        uint256 wordCount
    ) internal view returns (uint256[] memory out) {
        out = new uint256[](wordCount);
        uint256 group = type(uint256).max;
        uint256 whole;
        for (uint256 i = 0; i < wordCount; ++i) {
            uint256 w = fromWord + i;
            if (w >> 8 != group) {
                group = w >> 8;
                whole = wholeWords[group];
            }
            out[i] = whole & _mask(w) != 0 ? type(uint256).max : bits[w];
        }
    }

    /// @dev Sets bits [from, end) of one bitmap, a word at a time (nothing if `from >= end`).
    function _setBits(mapping(uint256 => uint256) storage bits, uint256 from, uint256 end) private {
        uint256 i = from;
        while (i < end) {
            uint256 wordIndex = i >> 8;
            uint256 start = i & 0xff;
            uint256 stop = end - (wordIndex << 8);
            if (stop > 256) stop = 256;
            // Bits start..stop-1 of the word, most significant first.
            uint256 width = stop - start;
            uint256 mask = width == 256 ? type(uint256).max : ((uint256(1) << width) - 1) << (256 - stop);
            bits[wordIndex] |= mask;
            i = (wordIndex + 1) << 8;
        }
    }
}
