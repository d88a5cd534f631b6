// SPDX-License-Identifier: CC0-1.0
pragma solidity ^0.8.24;

/// @title ERC-5192: Minimal Soulbound NFTs
/// @notice A token that is locked cannot be transferred. The ERC-165 identifier of this interface is
/// 0xb45a3c0e. (Parameter and return descriptions added to the standard text.)
interface IERC5192 {
    /// @notice Emitted when the locking status is changed to locked.
    /// @param tokenId the token that was locked.
    event Locked(uint256 tokenId);

    /// @notice Emitted when the locking status is changed to unlocked.
    /// @param tokenId the token that was unlocked.
    event Unlocked(uint256 tokenId);

    /// @notice Returns the locking status of a Soulbound Token. Reverts for a token that does not exist.
    /// @param tokenId the token.
    /// @return isLocked whether the token is locked.
    function locked(uint256 tokenId) external view returns (bool isLocked);
}
