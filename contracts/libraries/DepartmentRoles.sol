// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title DepartmentRoles
/// @notice The role-id scheme shared by the access manager and the department directory.
/// @dev Every department owns two AccessManager roles, derived from its id so that no contract has to
/// store the mapping: the head role (admin: the platform ADMIN_ROLE) and the official role (admin: the
/// department's head role). Platform-wide roles live below `BASE`.
library DepartmentRoles {
    /// @notice The AccessManager's root role: the platform administrator.
    uint64 internal constant ADMIN_ROLE = 0;
    /// @notice May cancel any scheduled (time-locked) operation.
    uint64 internal constant GUARDIAN_ROLE = 1;
    /// @notice First department role id. Ids below it are platform roles.
    uint64 internal constant BASE = 1 << 32;
    /// @notice One past the last department role id (two roles per uint32 department id).
    uint64 internal constant END = BASE + (uint64(1) << 33);

    /// @notice The role held by the head of `departmentId`.
    function headRole(uint32 departmentId) internal pure returns (uint64) {
        // Cannot overflow: departmentId < 2^32, so the result is < 2^34.
        unchecked {
            return BASE + uint64(departmentId) * 2;
        }
    }

    /// @notice The role held by the officials of `departmentId`.
    function officialRole(uint32 departmentId) internal pure returns (uint64) {
        unchecked {
            return BASE + uint64(departmentId) * 2 + 1;
        }
    }

    /// @notice Whether `roleId` is a department's head or official role.
    function isDepartmentRole(uint64 roleId) internal pure returns (bool) {
        return roleId >= BASE && roleId < END;
    }

    /// @notice Splits a department role into its department and kind. Only for department roles.
    function decode(uint64 roleId) internal pure returns (uint32 departmentId, bool head) {
        // roleId is in [BASE, END), so the difference fits 33 bits and its half fits a uint32.
        unchecked {
            uint64 offset = roleId - BASE;
            return (uint32(offset / 2), offset % 2 == 0);
        }
    }

    /// @notice The role that may grant and revoke a department role: the head role grants officials,
    /// the platform administrator grants heads.
    function adminOf(uint64 roleId) internal pure returns (uint64) {
        (, bool head) = decode(roleId);
        return head ? ADMIN_ROLE : roleId - 1;
    }
}
