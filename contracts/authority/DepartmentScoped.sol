// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {FixedAuthority} from "./FixedAuthority.sol";

/// @title DepartmentScoped
/// @notice The department checks every platform contract makes, written once: "the caller acts for this
/// department now" and "this department exists". Each contract turns a failed check into its own named
/// error, so the dApp can tell a clerk which rule was broken.
abstract contract DepartmentScoped is FixedAuthority {
    IDepartmentDirectory internal immutable _directory;

    constructor(address manager, IDepartmentDirectory directory) FixedAuthority(manager) {
        _directory = directory;
    }

    /// @dev The department the caller acts for now (head or official of an active department), or 0.
    function _actingDepartment() internal view returns (uint32) {
        return _directory.actingDepartmentOf(msg.sender);
    }

    /// @dev Whether the caller acts for `departmentId` now. Department 0 is nobody's.
    function _actsFor(uint32 departmentId) internal view returns (bool) {
        return departmentId != 0 && _directory.actingDepartmentOf(msg.sender) == departmentId;
    }

    /// @dev Whether `departmentId` is registered (active or not).
    function _departmentExists(uint32 departmentId) internal view returns (bool) {
        return departmentId != 0 && departmentId <= _directory.departmentCount();
    }

    /// @dev Whether `departmentId` is registered (checked against a count read once by the caller).
    function _departmentExists(uint32 departmentId, uint32 departmentCount) internal pure returns (bool) {
        return departmentId != 0 && departmentId <= departmentCount;
    }
}
