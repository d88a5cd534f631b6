// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title IDepartmentRoleHook
/// @notice What the access manager calls before it grants or revokes a department role, so that the
/// department directory can refuse bad appointments and record every appointment interval.
interface IDepartmentRoleHook {
    /// @notice Called by the manager before `account` is granted department role `roleId`.
    /// @param roleId the department role (see DepartmentRoles).
    /// @param account the account being appointed.
    /// @param operator who asked the manager for the grant (the head, the administrator, or the manager
    /// itself when a scheduled operation is executed).
    /// @param since when the grant takes effect (now plus the role's grant delay).
    function onDepartmentRoleGranted(uint64 roleId, address account, address operator, uint48 since) external;

    /// @notice Called by the manager before `account` loses department role `roleId` (revoke or renounce).
    /// @param roleId the department role (see DepartmentRoles).
    /// @param account the account leaving the seat.
    /// @param operator who asked the manager for the revoke (the head, the administrator, or the account).
    function onDepartmentRoleRevoked(uint64 roleId, address account, address operator) external;
}
