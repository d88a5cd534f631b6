// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @dev The hot word of a certificate type: everything `issue` and `anchorBatch` read and write, in one
/// slot, read once and written once:
///
///   bits   0– 47  statusEntries (status-list indexes handed out so far: the next one to give)
///   bits  48–111  defaultValidity (seconds; 0: no expiry)
///   bit   112     registered
///   bit   113     active
///   bit   114     suspendable
///   bit   115     revocable
///   bits 128–255  issuer bitmap: bit 128 + d - 1 set means department d (1 to 128) may issue
type PackedCertificateType is uint256;

using PackedCertificateTypeLib for PackedCertificateType global;

library PackedCertificateTypeLib {
    /// @dev The largest number of status-list entries a type can hand out (indexes 0 to 2^48 - 2).
    uint256 internal constant MAX_STATUS_ENTRIES = type(uint48).max;
    /// @dev Departments 1 to BITMAP_DEPARTMENTS have their issuer flag in the word.
    uint32 internal constant BITMAP_DEPARTMENTS = 128;

    uint256 private constant _DEFAULT_VALIDITY_SHIFT = 48;
    uint256 private constant _REGISTERED = 1 << 112;
    uint256 private constant _ACTIVE = 1 << 113;
    uint256 private constant _SUSPENDABLE = 1 << 114;
    uint256 private constant _REVOCABLE = 1 << 115;
    uint256 private constant _ISSUERS_SHIFT = 128;

    /// @dev A newly registered type: active, no entries, no issuers yet.
    function create(
        uint64 defaultValidity_,
        bool suspendable_,
        bool revocable_
    ) internal pure returns (PackedCertificateType) {
        uint256 word = (uint256(defaultValidity_) << _DEFAULT_VALIDITY_SHIFT) | _REGISTERED | _ACTIVE;
        if (suspendable_) word |= _SUSPENDABLE;
        if (revocable_) word |= _REVOCABLE;
        return PackedCertificateType.wrap(word);
    }

    function statusEntries(PackedCertificateType t) internal pure returns (uint48) {
        return uint48(PackedCertificateType.unwrap(t));
    }

    /// @dev The type with `statusEntries` replaced (the caller checks it fits 48 bits).
    function withStatusEntries(PackedCertificateType t, uint48 entries) internal pure returns (PackedCertificateType) {
        return PackedCertificateType.wrap((PackedCertificateType.unwrap(t) & ~uint256(type(uint48).max)) | entries);
    }

    function defaultValidity(PackedCertificateType t) internal pure returns (uint64) {
        return uint64(PackedCertificateType.unwrap(t) >> _DEFAULT_VALIDITY_SHIFT);
    }

    function registered(PackedCertificateType t) internal pure returns (bool) {
        return PackedCertificateType.unwrap(t) & _REGISTERED != 0;
    }

    function active(PackedCertificateType t) internal pure returns (bool) {
        return PackedCertificateType.unwrap(t) & _ACTIVE != 0;
    }

    function withActive(PackedCertificateType t, bool active_) internal pure returns (PackedCertificateType) {
        uint256 word = PackedCertificateType.unwrap(t);
        return PackedCertificateType.wrap(active_ ? word | _ACTIVE : word & ~_ACTIVE);
    }

    function suspendable(PackedCertificateType t) internal pure returns (bool) {
        return PackedCertificateType.unwrap(t) & _SUSPENDABLE != 0;
    }

    function revocable(PackedCertificateType t) internal pure returns (bool) {
        return PackedCertificateType.unwrap(t) & _REVOCABLE != 0;
    }

    /// @dev Department `departmentId` (1 to BITMAP_DEPARTMENTS) may issue the type.
    function bitmapIssuer(PackedCertificateType t, uint32 departmentId) internal pure returns (bool) {
        return (PackedCertificateType.unwrap(t) >> (_ISSUERS_SHIFT + departmentId - 1)) & 1 != 0;
    }

    /// @dev The type with department `departmentId`'s (1 to BITMAP_DEPARTMENTS) issuer flag set to `allowed`.
    function withBitmapIssuer(
        PackedCertificateType t,
        uint32 departmentId,
        bool allowed
    ) internal pure returns (PackedCertificateType) {
        uint256 bit = uint256(1) << (_ISSUERS_SHIFT + departmentId - 1);
        uint256 word = PackedCertificateType.unwrap(t);
        return PackedCertificateType.wrap(allowed ? word | bit : word & ~bit);
    }
}
