// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Pagination
/// @notice Pages of id lists for the registries' paginated views. Each contract checks `limit` against
/// its own maximum first, with its own named error.
library Pagination {
    /// @notice Whether a page size is allowed: from 1 to `max`. Callers revert with their own named error.
    function isValidLimit(uint256 limit, uint256 max) internal pure returns (bool) {
        return limit != 0 && limit <= max;
    }

    /// @notice How many entries a page of `limit` starting at `offset` holds in a list of `total`:
    /// `limit`, fewer at the end, none past it.
    function pageLength(uint256 total, uint256 offset, uint256 limit) internal pure returns (uint256) {
        if (offset >= total) return 0;
        uint256 remaining = total - offset;
        return remaining < limit ? remaining : limit;
    }

    /// @notice The entries [offset, offset + limit) of `ids`, fewer at the end, none past it.
    function slice(uint256[] storage ids, uint256 offset, uint256 limit) internal view returns (uint256[] memory page) {
        uint256 n = pageLength(ids.length, offset, limit);
        page = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            page[i] = ids[offset + i];
        }
    }

    /// @notice A bounded scan of ids 1..`count` from `cursor` (0: from 1): the ids for which
    /// `matches(id, key)` holds, at most `limit` of them, visiting at most `maxVisited` ids, so that a view
    /// costs the same whatever the number of ids. `next` is where the following call continues, 0 once
    /// every id has been visited. No cursor overflows: one past the end visits nothing.
    function scan(
        uint256 cursor,
        uint256 count,
        uint256 limit,
        uint256 maxVisited,
        function(uint256, uint256) view returns (bool) matches,
        uint256 key
    ) internal view returns (uint256[] memory ids, uint256 next) {
        uint256 id = cursor == 0 ? 1 : cursor;
        if (id > count) return (new uint256[](0), 0);
        ids = new uint256[](limit);
        uint256 found = 0;
        uint256 end = count + 1;
        if (end - id > maxVisited) end = id + maxVisited;
        for (; id < end && found < limit; ++id) {
            if (matches(id, key)) ids[found++] = id;
        }
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            // Shortens the array to the ids found (found <= limit: the memory stays allocated).
            mstore(ids, found)
        }
        next = id <= count ? id : 0;
    }

    /// @notice A bounded scan of the list `ids` from position `cursor`: the entries for which
    /// `matches(entry, key)` holds, at most `limit` of them, visiting at most `maxVisited` positions.
    /// `next` is the position where the following call continues, 0 once the list is exhausted.
    function scanList(
        uint256[] storage ids,
        uint256 cursor,
        uint256 limit,
        uint256 maxVisited,
        function(uint256, uint256) view returns (bool) matches,
        uint256 key
    ) internal view returns (uint256[] memory found, uint256 next) {
        uint256 length = ids.length;
        if (cursor >= length) return (new uint256[](0), 0);
        found = new uint256[](limit);
        uint256 count = 0;
        uint256 i = cursor;
        // cursor < length, so length - cursor does not underflow and no sum below overflows.
        uint256 end = length - cursor > maxVisited ? cursor + maxVisited : length;
        for (; i < end && count < limit; ++i) {
            uint256 entry = ids[i];
            if (matches(entry, key)) found[count++] = entry;
        }
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            // Shortens the array to the entries found (count <= limit: the memory stays allocated).
            mstore(found, count)
        }
        next = i < length ? i : 0;
    }
}
