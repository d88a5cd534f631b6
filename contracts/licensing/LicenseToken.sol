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

    bytes16 private constant _HEX = "0123456789abcdef";

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
    /// @notice A data: URI with the licence's JSON metadata, read live from the registry. Every text from the
    /// registry is escaped (see _escape), so the JSON parses whatever the administrator named the type.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        ILicenseRegistry reg = ILicenseRegistry(_registry);
        ILicenseRegistry.License memory lic = reg.getLicense(tokenId);
        ILicenseRegistry.LicenseType memory t = reg.licenseType(lic.typeId);
        string memory number = _escape(reg.licenseNumber(tokenId));
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

    /// @dev `text` as the inside of a JSON string literal, valid for any bytes: `"` and `\` are escaped,
    /// control characters (U+0000 to U+001F) become `\u00XX`, well-formed UTF-8 passes through, and every
    /// ill-formed sequence becomes one U+FFFD, as a WHATWG UTF-8 decoder reads it (RFC 8259 wants UTF-8).
    /// So the JSON parses, and a name that was valid UTF-8 reads back exactly.
    function _escape(string memory text) private pure returns (string memory) {
        bytes memory b = bytes(text);
        // At most 6 output bytes per input byte (`\u00XX`); trimmed to what was written below.
        bytes memory out = new bytes(b.length * 6);
        uint256 j = 0;
        uint256 i = 0;
        while (i < b.length) {
            uint8 c = uint8(b[i]);
            if (c < 0x80) {
                if (c == 0x22 || c == 0x5c) {
                    out[j++] = "\\";
                    out[j++] = bytes1(c);
                } else if (c < 0x20) {
                    out[j++] = "\\";
                    out[j++] = "u";
                    out[j++] = "0";
                    out[j++] = "0";
                    out[j++] = _HEX[c >> 4];
                    out[j++] = _HEX[c & 0x0f];
                } else {
                    out[j++] = bytes1(c);
                }
                ++i;
                continue;
            }
            uint256 n = _sequenceLength(b, i);
            if (n == 0) {
                // Ill-formed: one U+FFFD for the lead byte and the continuation bytes that fitted it.
                uint256 skip = _maximalSubpart(b, i);
                out[j++] = 0xEF;
                out[j++] = 0xBF;
                out[j++] = 0xBD;
                i += skip;
            } else {
                for (uint256 k = 0; k < n; ++k) out[j++] = b[i + k];
                i += n;
            }
        }
        // Trim to the bytes written (j <= 6 * b.length, the allocated length).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(out, j)
        }
        return string(out);
    }

    /// @dev The length of the well-formed UTF-8 sequence (Unicode table 3-7) starting at `b[i]`, a byte of
    /// 0x80 or more, or 0 if there is none.
    function _sequenceLength(bytes memory b, uint256 i) private pure returns (uint256) {
        (uint256 n, uint8 low, uint8 high) = _leadRule(uint8(b[i]));
        if (n == 0 || i + n > b.length) return 0;
        uint8 second = uint8(b[i + 1]);
        if (second < low || second > high) return 0;
        for (uint256 k = 2; k < n; ++k) {
            if (uint8(b[i + k]) & 0xC0 != 0x80) return 0;
        }
        return n;
    }

    /// @dev How many bytes one U+FFFD replaces at `b[i]`, which starts no well-formed sequence: the lead
    /// byte and as many following bytes as could still have continued it (the "maximal subpart"), at least 1.
    function _maximalSubpart(bytes memory b, uint256 i) private pure returns (uint256 k) {
        (uint256 n, uint8 low, uint8 high) = _leadRule(uint8(b[i]));
        k = 1;
        if (n == 0 || i + 1 >= b.length) return k;
        uint8 second = uint8(b[i + 1]);
        if (second < low || second > high) return k;
        k = 2;
        while (k < n && i + k < b.length && uint8(b[i + k]) & 0xC0 == 0x80) ++k;
    }

    /// @dev For a lead byte: the sequence length (0: not a lead byte) and the range of the second byte,
    /// which excludes overlong forms, surrogates and code points above U+10FFFF.
    function _leadRule(uint8 lead) private pure returns (uint256 n, uint8 low, uint8 high) {
        if (lead >= 0xC2 && lead <= 0xDF) return (2, 0x80, 0xBF);
        if (lead == 0xE0) return (3, 0xA0, 0xBF);
        if (lead == 0xED) return (3, 0x80, 0x9F);
        if (lead >= 0xE1 && lead <= 0xEF) return (3, 0x80, 0xBF);
        if (lead == 0xF0) return (4, 0x90, 0xBF);
        if (lead >= 0xF1 && lead <= 0xF3) return (4, 0x80, 0xBF);
        if (lead == 0xF4) return (4, 0x80, 0x8F);
        return (0, 0, 0);
    }

    // solhint-enable quotes

    function _statusName(ILicenseRegistry.LicenseStatus s) private pure returns (string memory) {
        if (s == ILicenseRegistry.LicenseStatus.Valid) return "valid";
        if (s == ILicenseRegistry.LicenseStatus.Expired) return "expired";
        if (s == ILicenseRegistry.LicenseStatus.Suspended) return "suspended";
        return "revoked";
    }
}
