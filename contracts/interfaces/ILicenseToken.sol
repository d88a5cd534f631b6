// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ILicenseToken
/// @notice The non-transferable licence token (ERC-721 + ERC-5192). Only the licence registry mints; the
/// token id is the licence id, and the metadata (`tokenURI`, a JSON data URI) is read live from the registry.
interface ILicenseToken {
    /// @notice Licence token `tokenId` cannot be transferred, and nobody can be approved to move it: a licence
    /// belongs to its holder. (`tokenId` is 0 for setApprovalForAll, which names no token.)
    error LicenseTokenLocked(uint256 tokenId);
    /// @notice Only the licence registry may mint licence tokens; `caller` is not the registry.
    error LicenseTokenOnlyRegistry(address caller);

    /// @notice Mints licence token `tokenId` to `holder`, locked from the start (emits Transfer and Locked).
    /// Registry only. Errors: LicenseTokenOnlyRegistry, LicenseTokenLocked (the id exists already).
    /// @param holder the licence holder.
    /// @param tokenId the licence id.
    function mint(address holder, uint256 tokenId) external;

    /// @notice The registry that mints and describes the tokens.
    /// @return registryAddress the licence registry's address.
    function registry() external view returns (address registryAddress);
}
