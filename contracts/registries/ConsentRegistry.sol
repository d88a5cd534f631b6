// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {DepartmentScoped} from "../authority/DepartmentScoped.sol";
import {IConsentRegistry} from "../interfaces/IConsentRegistry.sol";
import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {Pagination} from "../libraries/Pagination.sol";

/// @title ConsentRegistry
/// @notice Consent grants from data subjects to departments, and the trail of every access.
/// @dev Every state-changing function is `restricted`: categories are administered by the platform
/// administrator; `grant`, `revoke` and `recordAccess` are open to everyone in the manager (lib/access.ts)
/// and check the subject or the official's department here (DepartmentScoped). Closing the registry in
/// the manager pauses all of it; the views keep answering.
contract ConsentRegistry is DepartmentScoped, IConsentRegistry {
    uint256 private constant _MAX_PAGE = 200;

    mapping(bytes32 category => Category) private _categories;
    mapping(uint256 grantId => Grant) private _grants;
    mapping(address subject => uint256[] grantIds) private _grantsBySubject;
    uint256 private _grantCount;

    constructor(address manager, IDepartmentDirectory directory) DepartmentScoped(manager, directory) {}

    // ===== CATEGORIES =====

    /// @inheritdoc IConsentRegistry
    function registerCategory(bytes32 category_, string calldata name) external restricted {
        if (category_ == bytes32(0)) revert ConsentZeroCategory();
        Category storage c = _categories[category_];
        if (bytes(c.name).length != 0) revert ConsentDuplicateCategory(category_);
        // An empty name would make the category look unregistered.
        c.name = bytes(name).length == 0 ? "-" : name;
        c.active = true;
        emit CategoryRegistered(category_, c.name);
    }

    /// @inheritdoc IConsentRegistry
    function setCategoryActive(bytes32 category_, bool active) external restricted {
        Category storage c = _category(category_);
        if (c.active == active) revert ConsentCategoryStatusUnchanged(category_, active);
        c.active = active;
        emit CategoryActiveSet(category_, active);
    }

    // ===== GRANTS =====

    /// @inheritdoc IConsentRegistry
    function grant(
        uint32 departmentId,
        bytes32 category_,
        bytes32 purpose,
        uint48 expiresAt
    ) external restricted returns (uint256 grantId) {
        if (!_category(category_).active) revert ConsentCategoryInactive(category_);
        if (!_departmentExists(departmentId)) revert ConsentUnknownDepartment(departmentId);
        if (!_directory.isActive(departmentId)) revert ConsentDepartmentInactive(departmentId);
        if (purpose == bytes32(0)) revert ConsentZeroPurpose();
        uint48 now_ = Time.timestamp();
        if (expiresAt <= now_) revert ConsentExpiryInPast(expiresAt, now_);

        grantId = ++_grantCount;
        _grants[grantId] = Grant({
            subject: msg.sender,
            departmentId: departmentId,
            grantedAt: now_,
            expiresAt: expiresAt,
            revokedAt: 0,
            category: category_,
            purpose: purpose,
            accessCount: 0
        });
        _grantsBySubject[msg.sender].push(grantId);
        emit ConsentGranted(grantId, msg.sender, departmentId, category_, purpose, expiresAt);
    }

    /// @inheritdoc IConsentRegistry
    function revoke(uint256 grantId) external restricted {
        Grant storage g = _grant(grantId);
        if (g.subject != msg.sender) revert ConsentNotSubject(grantId, msg.sender);
        if (g.revokedAt != 0) revert ConsentAlreadyRevoked(grantId);
        g.revokedAt = Time.timestamp();
        emit ConsentRevoked(grantId, msg.sender, g.departmentId);
    }

    /// @inheritdoc IConsentRegistry
    function recordAccess(
        uint256 grantId,
        bytes32 category_,
        bytes32 purpose,
        bytes32 requestRef
    ) external restricted {
        Grant storage g = _grant(grantId);
        if (requestRef == bytes32(0)) revert ConsentZeroRequestRef();
        uint32 callerDepartment = _actingDepartment();
        if (callerDepartment == 0) revert ConsentNotOfficial(msg.sender);
        if (callerDepartment != g.departmentId) {
            revert ConsentWrongDepartment(grantId, g.departmentId, callerDepartment);
        }
        if (g.revokedAt != 0) revert ConsentGrantRevoked(grantId, g.revokedAt);
        if (Time.timestamp() >= g.expiresAt) revert ConsentGrantExpired(grantId, g.expiresAt);
        if (category_ != g.category) revert ConsentWrongCategory(grantId, g.category, category_);
        if (purpose != g.purpose) revert ConsentWrongPurpose(grantId, g.purpose, purpose);
        ++g.accessCount;
        emit DataAccessed(grantId, g.subject, g.departmentId, msg.sender, category_, purpose, requestRef);
    }

    // ===== VIEWS =====

    /// @inheritdoc IConsentRegistry
    function isGrantValid(uint256 grantId) external view returns (bool) {
        Grant storage g = _grants[grantId];
        return g.subject != address(0) && g.revokedAt == 0 && Time.timestamp() < g.expiresAt;
    }

    /// @inheritdoc IConsentRegistry
    function getGrant(uint256 grantId) external view returns (Grant memory) {
        return _grant(grantId);
    }

    /// @inheritdoc IConsentRegistry
    function grantCount() external view returns (uint256) {
        return _grantCount;
    }

    /// @inheritdoc IConsentRegistry
    function grantsOf(address subject, uint256 offset, uint256 limit) external view returns (uint256[] memory page) {
        if (!Pagination.isValidLimit(limit, _MAX_PAGE)) revert ConsentInvalidLimit(limit, _MAX_PAGE);
        return Pagination.slice(_grantsBySubject[subject], offset, limit);
    }

    /// @inheritdoc IConsentRegistry
    function category(bytes32 category_) external view returns (Category memory) {
        return _category(category_);
    }

    // ===== INTERNAL =====

    function _category(bytes32 category_) private view returns (Category storage c) {
        c = _categories[category_];
        if (bytes(c.name).length == 0) revert ConsentUnknownCategory(category_);
    }

    function _grant(uint256 grantId) private view returns (Grant storage g) {
        g = _grants[grantId];
        if (g.subject == address(0)) revert ConsentUnknownGrant(grantId);
    }
}
