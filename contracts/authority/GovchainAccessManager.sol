// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {IDepartmentRoleHook} from "../interfaces/IDepartmentRoleHook.sol";
import {DepartmentRoles} from "../libraries/DepartmentRoles.sol";

/// @title GovchainAccessManager
/// @notice The platform's single permission authority: OpenZeppelin's AccessManager with the rules a
/// government platform needs on top.
/// - The platform administrator role cannot be lost: the last effective administrator can neither
///   renounce nor be revoked.
/// - Holders of GUARDIAN_ROLE may cancel any scheduled (time-locked) operation, and may close any
///   platform contract at once (an emergency pause: every state-changing entry point of a platform
///   contract is `restricted`, public ones mapped to PUBLIC_ROLE). Reopening is an administrator action,
///   time-locked where delays are set.
/// - Separation of duties: an account with a department seat cannot be granted ADMIN_ROLE or
///   GUARDIAN_ROLE (and the directory refuses a seat to a holder of either).
/// - Department roles (see DepartmentRoles) have fixed admins: the administrator appoints heads, a head
///   appoints its department's officials. Every grant or revoke of a department role goes through the
///   department directory's hook, which validates it and records the appointment interval.
/// - Revoking a role the account does not hold, or granting to the zero address, reverts instead of
///   being a silent no-op.
/// - `minSetback` is a deployment parameter (OpenZeppelin fixes it at 5 days), so a network can choose
///   how long a reduced delay takes to come into force.
contract GovchainAccessManager is AccessManager {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice May cancel any scheduled operation.
    uint64 public constant GUARDIAN_ROLE = DepartmentRoles.GUARDIAN_ROLE;

    uint32 private immutable _minSetback;
    IDepartmentRoleHook private _directory;
    EnumerableSet.AddressSet private _admins;

    /// @notice The department directory that validates and records department role changes was set.
    event DepartmentDirectorySet(address indexed directory);

    /// @notice Roles cannot be granted to the zero address.
    error GovchainAccessManagerZeroAddress();
    /// @notice `account` is the last effective platform administrator and cannot lose the role.
    error GovchainAccessManagerLastAdmin(address account);
    /// @notice `account` does not hold `roleId`, so there is nothing to revoke.
    error GovchainAccessManagerNotMember(uint64 roleId, address account);
    /// @notice The department directory is set once and never replaced.
    error GovchainAccessManagerDirectoryAlreadySet(address directory);
    /// @notice Department roles cannot be granted or revoked before the directory is set.
    error GovchainAccessManagerNoDirectory(uint64 roleId);
    /// @notice Department roles have fixed admins (see DepartmentRoles.adminOf).
    error GovchainAccessManagerFixedRoleAdmin(uint64 roleId);
    /// @notice Separation of duties: `account` holds a seat in `departmentId` (head or official), so it
    /// cannot be granted platform role `roleId` (0: administrator, 1: guardian).
    error GovchainAccessManagerSeatHolder(address account, uint32 departmentId, uint64 roleId);
    /// @notice `target` is already closed (`closed` true) or already open (`closed` false).
    error GovchainAccessManagerTargetStatusUnchanged(address target, bool closed);

    /// @param initialAdmin the first platform administrator.
    /// @param minSetback_ the minimum time before a reduced grant, execution or target-admin delay applies.
    constructor(address initialAdmin, uint32 minSetback_) AccessManager(initialAdmin) {
        _minSetback = minSetback_;
    }

    // ===== DIRECTORY =====

    /// @notice Sets the department directory (once). Restricted to the platform administrator.
    function setDepartmentDirectory(address directory) external onlyAuthorized {
        if (directory == address(0)) revert GovchainAccessManagerZeroAddress();
        if (address(_directory) != address(0)) revert GovchainAccessManagerDirectoryAlreadySet(address(_directory));
        _directory = IDepartmentRoleHook(directory);
        emit DepartmentDirectorySet(directory);
    }

    /// @notice The department directory (zero until set).
    function departmentDirectory() external view returns (address) {
        return address(_directory);
    }

    // ===== ADMINISTRATORS =====

    /// @notice Everyone holding ADMIN_ROLE, including grants whose delay has not elapsed yet.
    function admins() external view returns (address[] memory) {
        return _admins.values();
    }

    /// @notice How many accounts hold ADMIN_ROLE with effect now.
    function effectiveAdminCount() public view returns (uint256 count) {
        uint256 n = _admins.length();
        for (uint256 i = 0; i < n; ++i) {
            (bool member, ) = hasRole(ADMIN_ROLE, _admins.at(i));
            if (member) ++count;
        }
    }

    // ===== EMERGENCY PAUSE =====

    /// @notice Closes (`closed` true) or reopens a target contract. While closed, every `restricted` entry
    /// point of the target reverts with AccessManagedUnauthorized; views keep working. A guardian may close
    /// any target other than this manager at once; everything else (reopening, and closing by the
    /// administrator) is an administrator action subject to the target's admin delay and the
    /// administrator's execution delay (schedule, wait, execute).
    function setTargetClosed(address target, bool closed) public override {
        if (isTargetClosed(target) == closed) revert GovchainAccessManagerTargetStatusUnchanged(target, closed);
        if (closed && target != address(this)) {
            (bool isGuardian, ) = hasRole(GUARDIAN_ROLE, _msgSender());
            if (isGuardian) {
                _setTargetClosed(target, true);
                return;
            }
        }
        super.setTargetClosed(target, closed);
    }

    // ===== ACCESSMANAGER OVERRIDES =====

    /// @inheritdoc AccessManager
    function minSetback() public view override returns (uint32) {
        return _minSetback;
    }

    /// @inheritdoc AccessManager
    /// @dev Department roles: officials are administered by their department's head role, heads by ADMIN_ROLE.
    function getRoleAdmin(uint64 roleId) public view override returns (uint64) {
        if (DepartmentRoles.isDepartmentRole(roleId)) return DepartmentRoles.adminOf(roleId);
        return super.getRoleAdmin(roleId);
    }

    function _setRoleAdmin(uint64 roleId, uint64 admin) internal override {
        if (DepartmentRoles.isDepartmentRole(roleId)) revert GovchainAccessManagerFixedRoleAdmin(roleId);
        super._setRoleAdmin(roleId, admin);
    }

    function _grantRole(
        uint64 roleId,
        address account,
        uint32 grantDelay,
        uint32 executionDelay
    ) internal override returns (bool newMember) {
        if (account == address(0)) revert GovchainAccessManagerZeroAddress();
        if ((roleId == ADMIN_ROLE || roleId == GUARDIAN_ROLE) && address(_directory) != address(0)) {
            (uint32 departmentId, ) = IDepartmentDirectory(address(_directory)).seatOf(account);
            if (departmentId != 0) revert GovchainAccessManagerSeatHolder(account, departmentId, roleId);
        }
        if (DepartmentRoles.isDepartmentRole(roleId)) {
            _hook(roleId).onDepartmentRoleGranted(roleId, account, _msgSender(), Time.timestamp() + grantDelay);
        }
        newMember = super._grantRole(roleId, account, grantDelay, executionDelay);
        if (roleId == ADMIN_ROLE) _admins.add(account);
    }

    function _revokeRole(uint64 roleId, address account) internal override returns (bool) {
        (uint48 since, , , ) = getAccess(roleId, account);
        if (since == 0) revert GovchainAccessManagerNotMember(roleId, account);
        if (roleId == ADMIN_ROLE) {
            _requireAnotherEffectiveAdmin(account);
            _admins.remove(account);
        } else if (DepartmentRoles.isDepartmentRole(roleId)) {
            _hook(roleId).onDepartmentRoleRevoked(roleId, account, _msgSender());
        }
        return super._revokeRole(roleId, account);
    }

    /// @dev Guardians may cancel any scheduled operation, on top of OpenZeppelin's rules.
    function _canCancel(address caller, address target, bytes calldata data) internal view override returns (bool) {
        (bool isGuardian, ) = hasRole(GUARDIAN_ROLE, _msgSender());
        return isGuardian || super._canCancel(caller, target, data);
    }

    // ===== INTERNAL =====

    function _hook(uint64 roleId) private view returns (IDepartmentRoleHook directory) {
        directory = _directory;
        if (address(directory) == address(0)) revert GovchainAccessManagerNoDirectory(roleId);
    }

    function _requireAnotherEffectiveAdmin(address leaving) private view {
        uint256 n = _admins.length();
        for (uint256 i = 0; i < n; ++i) {
            address other = _admins.at(i);
            if (other == leaving) continue;
            (bool member, ) = hasRole(ADMIN_ROLE, other);
            if (member) return;
        }
        revert GovchainAccessManagerLastAdmin(leaving);
    }
}
