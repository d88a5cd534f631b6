// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ILicenseToken
/// @notice The non-transferable licence token (ERC-721 + ERC-5192). Only the licence registry mints.
interface ILicenseToken {
    /// @notice Transfers and approvals are not possible: a licence belongs to its holder.
    error LicenseTokenLocked(uint256 tokenId);
    /// @notice Only the licence registry may mint.
    error LicenseTokenOnlyRegistry(address caller);

    /// @notice Mints licence `tokenId` to `holder`. Registry only.
    function mint(address holder, uint256 tokenId) external;

    /// @notice The registry that mints and describes the tokens.
    function registry() external view returns (address);
}
