// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title StatusBits
/// @notice A bitmap laid out as a W3C Bitstring Status List: index 0 is the most significant bit of
/// word 0, so the big-endian bytes of words 0, 1, 2… are the status list's bitstring as is.
library StatusBits {
    function _mask(uint256 index) private pure returns (uint256) {
        return uint256(1) << (255 - (index & 0xff));
    }

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

    /// @notice Sets bits `from` to `from + count - 1`, a word at a time.
    function setRange(mapping(uint256 => uint256) storage bits, uint256 from, uint256 count) internal {
        uint256 end = from + count;
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
