// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Codes
/// @notice The one rule for the short codes the platform shows and builds names from (departments,
/// certificate types, licence types): 2 to 16 characters of A-Z, 0-9, '-' and '_'. Such a code is safe in
/// a licence number, a JSON string, a URL path segment and a file name, so no caller has to escape it.
library Codes {
    uint256 internal constant MIN_LENGTH = 2;
    uint256 internal constant MAX_LENGTH = 16;

    /// @notice Whether `code` follows the rule. (An empty code is invalid too; callers that give it its
    /// own error check for it first.)
    function isValid(string calldata code) internal pure returns (bool) {
        bytes calldata b = bytes(code);
        if (b.length < MIN_LENGTH || b.length > MAX_LENGTH) return false;
        for (uint256 i = 0; i < b.length; ++i) {
            bytes1 c = b[i];
            if (!((c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "_")) return false;
        }
        return true;
    }
}
