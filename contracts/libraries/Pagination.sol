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
}
