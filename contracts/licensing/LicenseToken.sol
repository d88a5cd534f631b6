// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IERC5192} from "../interfaces/IERC5192.sol";
import {ILicenseRegistry} from "../interfaces/ILicenseRegistry.sol";
import {ILicenseToken} from "../interfaces/ILicenseToken.sol";

/// @title LicenseToken
/// @notice Licences as non-transferable ERC-721 tokens (ERC-5192: every token is locked from mint).
/// The token id is the licence id in the registry; the metadata describes the licence (type, number,
/// validity, status) and never personal data.
contract LicenseToken is ERC721, IERC5192, ILicenseToken {
    using Strings for uint256;

    address private immutable _registry;

    constructor(address registry_) ERC721("govchain licence", "LICENCE") {
        _registry = registry_;
    }

    /// @inheritdoc ILicenseToken
    function mint(address holder, uint256 tokenId) external {
        if (msg.sender != _registry) revert LicenseTokenOnlyRegistry(msg.sender);
        _mint(holder, tokenId);
        emit Locked(tokenId);
    }

    /// @inheritdoc ILicenseToken
    function registry() external view returns (address) {
        return _registry;
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool) {
        _requireOwned(tokenId);
        return true;
    }

    // ===== NON-TRANSFERABLE =====

    /// @dev Only minting (from the zero address) moves a token.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (_ownerOf(tokenId) != address(0)) revert LicenseTokenLocked(tokenId);
        return super._update(to, tokenId, auth);
    }

    /// @notice Not possible: licences cannot be transferred, so nobody can be approved to move them.
    function approve(address, uint256 tokenId) public pure override {
        revert LicenseTokenLocked(tokenId);
    }

    /// @notice Not possible: licences cannot be transferred, so nobody can be approved to move them.
    function setApprovalForAll(address, bool) public pure override {
        revert LicenseTokenLocked(0);
    }

    // ===== METADATA =====

    // JSON needs double quotes inside its string literals, so they are single-quoted here.
    // solhint-disable quotes
    /// @notice A data: URI with the licence's JSON metadata, read live from the registry.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        ILicenseRegistry reg = ILicenseRegistry(_registry);
        ILicenseRegistry.License memory lic = reg.getLicense(tokenId);
        ILicenseRegistry.LicenseType memory t = reg.licenseType(lic.typeId);
        string memory number = reg.licenseNumber(tokenId);
        string memory status = _statusName(reg.licenseStatus(tokenId));
        bytes memory head = abi.encodePacked(
            '{"name":"',
            _escape(t.name),
            " ",
            number,
            '","description":"Licence issued on govchain once every required department approved.",',
            '"attributes":[{"trait_type":"type","value":"',
            _escape(t.code),
            '"},{"trait_type":"number","value":"',
            number
        );
        bytes memory tail = abi.encodePacked(
            '"},{"trait_type":"issuingDepartment","value":',
            uint256(t.issuingDepartment).toString(),
            '},{"trait_type":"validFrom","display_type":"date","value":',
            uint256(lic.validFrom).toString(),
            '},{"trait_type":"validUntil","display_type":"date","value":',
            uint256(lic.validUntil).toString(),
            '},{"trait_type":"status","value":"',
            status,
            '"}]}'
        );
        bytes memory json = bytes.concat(head, tail);
        return string.concat("data:application/json;base64,", Base64.encode(json));
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IERC5192).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev JSON string escaping for administrator-set text: quote and backslash are escaped, control
    /// characters become spaces.
    function _escape(string memory text) private pure returns (string memory) {
        bytes memory b = bytes(text);
        uint256 extra = 0;
        for (uint256 i = 0; i < b.length; ++i) {
            if (b[i] == '"' || b[i] == "\\") ++extra;
        }
        bytes memory out = new bytes(b.length + extra);
        uint256 j = 0;
        for (uint256 i = 0; i < b.length; ++i) {
            bytes1 c = b[i];
            if (c == '"' || c == "\\") out[j++] = "\\";
            out[j++] = uint8(c) < 0x20 ? bytes1(" ") : c;
        }
        return string(out);
    }

    // solhint-enable quotes

    function _statusName(ILicenseRegistry.LicenseStatus s) private pure returns (string memory) {
        if (s == ILicenseRegistry.LicenseStatus.Valid) return "valid";
        if (s == ILicenseRegistry.LicenseStatus.Expired) return "expired";
        if (s == ILicenseRegistry.LicenseStatus.Suspended) return "suspended";
        return "revoked";
    }
}
