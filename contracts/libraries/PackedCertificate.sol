// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @dev A single certificate's record without its holder commitment, in one storage word, so that an
/// issue writes one fresh slot with one SSTORE and a reordered struct can never shift a field:
///
///   bits   0– 31  typeId
///   bits  32– 63  departmentId (the issuing department)
///   bits  64–111  statusIndex (its index in the type's status lists)
///   bits 112–159  issuedAt (0: no certificate; block timestamps are never 0)
///   bits 160–207  validFrom
///   bits 208–255  validUntil (0: no end)
type PackedCertificate is uint256;

using PackedCertificateLib for PackedCertificate global;

library PackedCertificateLib {
    uint256 private constant _DEPARTMENT_SHIFT = 32;
    uint256 private constant _STATUS_INDEX_SHIFT = 64;
    uint256 private constant _ISSUED_AT_SHIFT = 112;
    uint256 private constant _VALID_FROM_SHIFT = 160;
    uint256 private constant _VALID_UNTIL_SHIFT = 208;

    function pack(
        uint32 typeId_,
        uint32 departmentId_,
        uint48 statusIndex_,
        uint48 issuedAt_,
        uint48 validFrom_,
        uint48 validUntil_
    ) internal pure returns (PackedCertificate) {
        return
            PackedCertificate.wrap(
                uint256(typeId_) |
                    (uint256(departmentId_) << _DEPARTMENT_SHIFT) |
                    (uint256(statusIndex_) << _STATUS_INDEX_SHIFT) |
                    (uint256(issuedAt_) << _ISSUED_AT_SHIFT) |
                    (uint256(validFrom_) << _VALID_FROM_SHIFT) |
                    (uint256(validUntil_) << _VALID_UNTIL_SHIFT)
            );
    }

    /// @dev Whether the word holds a certificate (an empty slot reads as issuedAt 0).
    function exists(PackedCertificate c) internal pure returns (bool) {
        return issuedAt(c) != 0;
    }

    function typeId(PackedCertificate c) internal pure returns (uint32) {
        return uint32(PackedCertificate.unwrap(c));
    }

    function departmentId(PackedCertificate c) internal pure returns (uint32) {
        return uint32(PackedCertificate.unwrap(c) >> _DEPARTMENT_SHIFT);
    }

    function statusIndex(PackedCertificate c) internal pure returns (uint48) {
        return uint48(PackedCertificate.unwrap(c) >> _STATUS_INDEX_SHIFT);
    }

    function issuedAt(PackedCertificate c) internal pure returns (uint48) {
        return uint48(PackedCertificate.unwrap(c) >> _ISSUED_AT_SHIFT);
    }

    function validFrom(PackedCertificate c) internal pure returns (uint48) {
        return uint48(PackedCertificate.unwrap(c) >> _VALID_FROM_SHIFT);
    }

    function validUntil(PackedCertificate c) internal pure returns (uint48) {
        return uint48(PackedCertificate.unwrap(c) >> _VALID_UNTIL_SHIFT);
    }
}
