// SPDX-License-Identifier: Apache-2.0
// Test names follow testFuzz_<function>_<property>.
/* solhint-disable func-name-mixedcase */
pragma solidity ^0.8.24;

// Tests read block.timestamp to steer and check time (vm.warp): that is their job, not business logic.
// solhint-disable not-rely-on-time

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {DepartmentDirectory} from "../contracts/authority/DepartmentDirectory.sol";
import {GovchainAccessManager} from "../contracts/authority/GovchainAccessManager.sol";
import {IDepartmentDirectory} from "../contracts/interfaces/IDepartmentDirectory.sol";
import {ILicenseRegistry} from "../contracts/interfaces/ILicenseRegistry.sol";
import {CivilTime} from "../contracts/libraries/CivilTime.sol";
import {DepartmentRoles} from "../contracts/libraries/DepartmentRoles.sol";
import {LicenseRegistry} from "../contracts/licensing/LicenseRegistry.sol";
import {LicenseToken} from "../contracts/licensing/LicenseToken.sol";

import {Test} from "./utils/Test.sol";

/// @notice Fuzz tests of the licence registry: every check on EIP-712 approvals (each fault injected
/// alone must revert with its exact error and change nothing; a department already counted is skipped),
/// the approval set against a model (the licence is issued exactly when the last required department
/// approves, by transaction or by signature, in any grouping and order), one licence in force per subject
/// whatever happens, and the civil-year library that numbers licences against a reference.
/// @dev The test contract is the platform administrator. Eight departments with heads are registered
/// at START; each test appoints the officials it needs at APPOINTED.
contract LicenseRegistryTest is Test {
    uint48 private constant START = 1_700_000_000;
    /// @dev The signature test's application is submitted before its officials are appointed: what counts
    /// is who serves when the batch arrives.
    uint48 private constant SUBMITTED = START + 1 hours;
    uint48 private constant APPOINTED = START + 1 days;
    /// @dev When the signature test submits its batches.
    uint48 private constant NOW = APPOINTED + 30 days;
    uint256 private constant DEPARTMENTS = 8;
    uint64 private constant VALIDITY = 365 days;
    /// @dev The order of secp256k1: private keys are 1 .. N - 1.
    uint256 private constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    /// @dev Written out here rather than read from the registry, so the test checks the contract's.
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant APPROVAL_TYPEHASH =
        keccak256(
            "LicenseApproval(uint256 applicationId,uint32 round,uint32 departmentId,bytes32 commentDigest,uint48 deadline)"
        );
    /// @dev 2201-01-01T00:00:00Z: the fuzzed times of the civil-time test are below it.
    uint256 private constant YEAR_2201 = 7_289_654_400;
    uint256 private constant STEPS = 16;
    /// @dev Steps of the one-subject-one-licence test.
    uint256 private constant SUBJECT_STEPS = 24;
    /// @dev 2024-01-01T00:00:00 in UTC+8 (2023-12-31T16:00:00Z), the zone licence numbers use.
    uint48 private constant NEW_YEAR_UTC8 = 1_704_038_400;
    uint256 private constant FAULT_COUNT = 18;

    GovchainAccessManager private manager;
    DepartmentDirectory private directory;
    LicenseRegistry private registry;
    LicenseToken private token;
    address[DEPARTMENTS + 1] private heads;
    address private applicant;

    /// @dev One official who signs: private key, address, department.
    struct Official {
        uint256 key;
        address account;
        uint32 dept;
    }

    /// @dev The faults `testFuzz_submitApprovals_signatureChecks` injects, one per run. The last three are
    /// not faults: a department counted already is skipped, and the batch goes through.
    enum Fault {
        None,
        WrongChain,
        WrongContract,
        WrongKey,
        TamperDepartment,
        TamperComment,
        TamperRound,
        TamperDeadline,
        Expired,
        OldRound,
        Stranger,
        Removed,
        DepartmentInactive,
        NotRequired,
        OnlyCountedDepartments,
        ApprovedByTransaction,
        ApprovedInSameBatch,
        RepeatedEntry
    }

    /// @dev One run of the signature test. The signers are `_signers`: 0 (A), 1 (B), 2 (C) of the required
    /// departments 1, 2, 3; 3 (D) of department 4, not required; 4 (E) a second official of department 1.
    struct SigCase {
        Fault fault;
        uint256 appId;
        /// @dev The application's round when the batch arrives (1 after the OldRound fault's amendment).
        uint32 round;
        uint48 deadline;
        bytes32 comment;
        uint256 tamper;
        /// @dev The batch entry the fault is injected into.
        uint256 p;
        /// @dev The revert data expected from the main submission; empty: it must succeed.
        bytes expected;
    }

    /// @dev The model of `testFuzz_approvals_issueExactlyWhenAllRequiredApproved`.
    struct Model {
        uint32 typeId;
        uint256 appId;
        address applicant;
        /// @dev Bit d: department d has approved (by any route).
        uint256 approved;
        /// @dev Bit d: department d is required.
        uint256 required;
        bool issued;
        uint48 issuedAt;
        uint256 licenseId;
        /// @dev The required departments in the order they approved.
        uint32[] order;
        uint256 orderLength;
    }

    Official[5] private _signers;
    /// @dev The signature test's type requires departments 1, 2, 3 (slots 0, 1, 2).
    uint32 private _sigType;
    /// @dev The approval-set test: one official per department (index = department id).
    Official[DEPARTMENTS + 1] private _officials;
    /// @dev The approval-set test: position + 1 of a department in the type's required list.
    uint8[DEPARTMENTS + 1] private _slot;

    function setUp() public {
        vm.warp(START);
        manager = new GovchainAccessManager(address(this), 0);
        directory = new DepartmentDirectory(address(manager));
        manager.setDepartmentDirectory(address(directory));
        for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
            string memory code = string.concat("DEPT-", Strings.toString(d));
            directory.registerDepartment(code, "", string.concat("Department ", Strings.toString(d)), "");
            heads[d] = makeAddr(string.concat("head ", code));
            manager.grantRole(DepartmentRoles.headRole(d), heads[d], 0);
        }
        registry = new LicenseRegistry(address(manager), IDepartmentDirectory(address(directory)));
        token = new LicenseToken(address(registry));
        registry.setToken(token);
        _openToPublic();
        applicant = makeAddr("applicant");
    }

    /// @dev What the Ignition module does from lib/access.ts: the registry's public entry points mapped to
    /// PUBLIC_ROLE (the registry checks who may act itself); the rest stays with the administrator.
    function _openToPublic() private {
        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = LicenseRegistry.submit.selector;
        selectors[1] = LicenseRegistry.submitRenewal.selector;
        selectors[2] = LicenseRegistry.amend.selector;
        selectors[3] = LicenseRegistry.withdraw.selector;
        selectors[4] = LicenseRegistry.approve.selector;
        selectors[5] = LicenseRegistry.reject.selector;
        selectors[6] = LicenseRegistry.submitApprovals.selector;
        selectors[7] = LicenseRegistry.suspend.selector;
        selectors[8] = LicenseRegistry.reinstate.selector;
        selectors[9] = LicenseRegistry.revoke.selector;
        manager.setTargetFunctionRole(address(registry), selectors, manager.PUBLIC_ROLE());
    }

    // =================================================================================================
    // 1. Signed approvals: every check
    // =================================================================================================

    /// @notice Officials with fuzzed keys sign approvals of one application, and a fuzzed non-empty subset
    /// of them is submitted in a fuzzed order (no order is required). One fault (or none) is injected into
    /// a fuzzed entry. Each fault must revert with its exact error and arguments and change nothing: among
    /// them a signer removed, or whose department was deactivated, after signing (authority counts at
    /// submission), and a signature of an earlier round. Without a fault the approvals are recorded, each
    /// with its event, and the licence is issued exactly when all three are in. An entry for a department
    /// counted already (by transaction, earlier in the batch, or the same entry twice) is skipped
    /// unchecked, and a batch with nothing new reverts with LicenseApprovalsAlreadyCounted.
    function testFuzz_submitApprovals_signatureChecks(
        uint256[5] memory keys,
        uint256 faultSeed,
        uint256 subset,
        uint256 orderSeed,
        uint256 position,
        uint256 deadlineSeed,
        bytes32 comment,
        uint256 tamper
    ) public {
        uint32[] memory required = new uint32[](3);
        (required[0], required[1], required[2]) = (1, 2, 3);
        _sigType = registry.registerLicenseType("LIC", "Licence", 1, required, VALIDITY, false, new uint32[](0));
        SigCase memory c;
        c.fault = Fault(faultSeed % FAULT_COUNT);
        c.comment = comment;
        c.tamper = tamper;
        c.deadline = uint48(_edgy(deadlineSeed, NOW, type(uint48).max));
        vm.warp(SUBMITTED);
        vm.prank(applicant);
        c.appId = registry.submit(_sigType, keccak256("subject"), _documents());
        _setUpSigners(keys);

        uint256[] memory members = _members(c.fault, subset, orderSeed);
        c.p = _target(c, members, position);
        _beforeBatch(c, members[c.p]);
        vm.warp(NOW);

        ILicenseRegistry.SignedApproval[] memory batch = _buildBatch(c, members);
        batch = _injectAfterSigning(c, batch);

        ILicenseRegistry.Application memory before = registry.getApplication(c.appId);
        if (c.expected.length == 0) c.expected = _expectAccepted(c, batch, before.approvalMask);
        if (c.expected.length != 0) {
            vm.expectRevert(c.expected);
            registry.submitApprovals(c.appId, batch);
            ILicenseRegistry.Application memory a = registry.getApplication(c.appId);
            assertEq(a.approvalMask, before.approvalMask, "approvalMask changed by a rejected batch");
            assertEq(a.round, before.round, "round changed by a rejected batch");
            assertEq(uint8(a.stage), uint8(ILicenseRegistry.Stage.Pending), "stage changed by a rejected batch");
            assertEq(registry.licenseOf(applicant, _sigType), 0, "licence issued by a rejected batch");
        } else {
            registry.submitApprovals(c.appId, batch);
            _checkAccepted(c, batch, before);
        }
    }

    /// @dev Bounds the keys into the curve order, makes them distinct, and appoints A, B, C, D, E.
    function _setUpSigners(uint256[5] memory keys) private {
        vm.warp(APPOINTED);
        uint32[5] memory depts = [uint32(1), 2, 3, 4, 1];
        for (uint256 i = 0; i < 5; ++i) {
            uint256 key = _distinctKey(keys[i], i);
            address account = vm.addr(key);
            _signers[i] = Official({key: key, account: account, dept: depts[i]});
            vm.prank(heads[depts[i]]);
            manager.grantRole(DepartmentRoles.officialRole(depts[i]), account, 0);
        }
    }

    /// @dev A key in the curve order that none of the first `count` signers has. (Fuzzers like repeated
    /// values: a key taken already moves to the next free one.)
    function _distinctKey(uint256 seed, uint256 count) private view returns (uint256 key) {
        key = bound(seed, 1, SECP256K1_N - 1);
        for (bool clash = true; clash; ) {
            clash = false;
            for (uint256 j = 0; j < count && !clash; ++j) {
                clash = _signers[j].key == key;
            }
            if (clash) key = (key % (SECP256K1_N - 1)) + 1;
        }
    }

    /// @dev The signers in the batch, in a fuzzed order: a fuzzed non-empty subset of A, B, C, plus the
    /// signers a fault needs.
    function _members(Fault fault, uint256 subset, uint256 orderSeed) private pure returns (uint256[] memory members) {
        uint256 mask = bound(subset, 1, 7);
        if (fault == Fault.NotRequired) mask |= 1 << 3;
        if (fault == Fault.ApprovedByTransaction) mask |= 1;
        if (fault == Fault.OnlyCountedDepartments) mask = 1;
        if (fault == Fault.ApprovedInSameBatch) mask |= 1 | (1 << 4);
        uint256 n = 0;
        members = new uint256[](_popcount(mask));
        for (uint256 i = 0; i < 5; ++i) {
            if (mask & (1 << i) != 0) members[n++] = i;
        }
        // Fisher-Yates shuffle: the registry takes signatures in any order.
        for (uint256 i = n; i > 1; --i) {
            uint256 j = uint256(keccak256(abi.encode(orderSeed, i))) % i;
            (members[i - 1], members[j]) = (members[j], members[i - 1]);
        }
    }

    /// @dev The entry the fault goes into: fuzzed, or the one entry that carries it.
    function _target(SigCase memory c, uint256[] memory members, uint256 position) private pure returns (uint256) {
        if (c.fault == Fault.NotRequired) return _indexOf(members, 3);
        if (c.fault == Fault.ApprovedByTransaction || c.fault == Fault.OnlyCountedDepartments) {
            return _indexOf(members, 0);
        }
        if (c.fault == Fault.ApprovedInSameBatch) {
            // The later of A and E meets an approval of department 1 already counted in this batch.
            uint256 a = _indexOf(members, 0);
            uint256 e = _indexOf(members, 4);
            return a > e ? a : e;
        }
        return bound(position, 0, members.length - 1);
    }

    /// @dev What happens between signing and submitting, at a fuzzed time after the appointments: the
    /// target's signer is removed, its department deactivated, the application rejected and amended (round
    /// 1), or department 1 approves by transaction.
    function _beforeBatch(SigCase memory c, uint256 target) private {
        vm.warp(_edgy(c.tamper, APPOINTED + 1, NOW));
        Official memory o = _signers[target];
        if (c.fault == Fault.Removed) {
            vm.prank(heads[o.dept]);
            manager.revokeRole(DepartmentRoles.officialRole(o.dept), o.account);
            c.expected = _notOfficial(o.account, o.dept);
        } else if (c.fault == Fault.DepartmentInactive) {
            directory.setDepartmentActive(o.dept, false);
            c.expected = _notOfficial(o.account, o.dept);
        } else if (c.fault == Fault.OldRound) {
            vm.prank(heads[2]);
            registry.reject(c.appId, 1, keccak256("reject"));
            vm.prank(applicant);
            registry.amend(c.appId, _documents());
            c.round = 1;
            assertEq(registry.getApplication(c.appId).round, 1, "round after the amendment");
            c.expected = abi.encodeWithSelector(ILicenseRegistry.LicenseWrongRound.selector, o.account, 0, 1);
        } else if (c.fault == Fault.ApprovedByTransaction || c.fault == Fault.OnlyCountedDepartments) {
            vm.prank(_signers[4].account);
            registry.approve(c.appId, keccak256("by transaction"));
            assertEq(registry.getApplication(c.appId).approvalMask, 1, "department 1 approved by transaction");
        } else if (c.fault == Fault.NotRequired) {
            c.expected = _deptErr(ILicenseRegistry.LicenseDepartmentNotRequired.selector, c.appId, 4);
        }
    }

    /// @dev The batch with every field set (faults that change a signed field applied before signing),
    /// every entry signed, the target with another domain or key if that is the fault.
    function _buildBatch(
        SigCase memory c,
        uint256[] memory members
    ) private view returns (ILicenseRegistry.SignedApproval[] memory batch) {
        batch = new ILicenseRegistry.SignedApproval[](members.length);
        for (uint256 i = 0; i < members.length; ++i) {
            Official memory o = _signers[members[i]];
            batch[i] = ILicenseRegistry.SignedApproval({
                signer: o.account,
                departmentId: o.dept,
                // The old-round case's target signed before the amendment.
                round: c.fault == Fault.OldRound && i == c.p ? 0 : c.round,
                commentDigest: keccak256(abi.encode(c.comment, i)),
                deadline: c.deadline,
                signature: ""
            });
        }
        if (c.fault == Fault.Expired) {
            ILicenseRegistry.SignedApproval memory t = batch[c.p];
            t.deadline = uint48(_edgy(c.tamper, 0, NOW - 1));
            c.expected = abi.encodeWithSelector(ILicenseRegistry.LicenseSignatureExpired.selector, t.signer, t.deadline);
        }
        for (uint256 i = 0; i < batch.length; ++i) {
            uint256 key = _signers[members[i]].key;
            uint256 chainId = block.chainid;
            address verifier = address(registry);
            if (i == c.p) (key, chainId, verifier) = _faultyDomain(c, key);
            bytes32 digest = _digest(chainId, verifier, c.appId, batch[i]);
            if (chainId == block.chainid && verifier == address(registry)) {
                // The hand-made digest is the registry's: so a wrong chain or contract is the only change.
                assertEq(digest, _registryDigest(c.appId, batch[i]), "hand-computed EIP-712 digest");
            }
            batch[i].signature = _sign(key, digest);
            if (i == c.p && c.fault == Fault.Stranger) {
                // A valid signature by a key that holds no seat.
                batch[i].signer = vm.addr(key);
                c.expected = _notOfficial(batch[i].signer, batch[i].departmentId);
            }
        }
    }

    /// @dev The key, chain id and verifying contract the target signs with.
    function _faultyDomain(SigCase memory c, uint256 key) private view returns (uint256, uint256, address) {
        uint256 chainId = block.chainid;
        address verifier = address(registry);
        if (c.fault == Fault.WrongChain) {
            chainId = c.tamper == block.chainid ? c.tamper ^ 1 : c.tamper;
        } else if (c.fault == Fault.WrongContract) {
            verifier = address(uint160(c.tamper));
            if (verifier == address(registry)) verifier = address(uint160(c.tamper) ^ 1);
        } else if (c.fault == Fault.WrongKey) {
            uint256 other = bound(c.tamper, 1, SECP256K1_N - 1);
            key = other == key ? (other % (SECP256K1_N - 1)) + 1 : other;
        } else if (c.fault == Fault.Stranger) {
            key = _distinctKey(c.tamper, 5);
        }
        return (key, chainId, verifier);
    }

    /// @dev Faults made after signing: a changed field, a repeated entry.
    function _injectAfterSigning(
        SigCase memory c,
        ILicenseRegistry.SignedApproval[] memory batch
    ) private pure returns (ILicenseRegistry.SignedApproval[] memory) {
        ILicenseRegistry.SignedApproval memory t = batch[c.p];
        bytes memory invalid = abi.encodeWithSelector(ILicenseRegistry.LicenseInvalidSignature.selector, t.signer);
        Fault f = c.fault;
        if (f == Fault.WrongChain || f == Fault.WrongContract || f == Fault.WrongKey) {
            c.expected = invalid;
        } else if (f == Fault.TamperDepartment) {
            _tamperDepartment(c, batch, invalid);
        } else if (f == Fault.TamperComment) {
            t.commentDigest ^= bytes32(bound(c.tamper, 1, type(uint256).max));
            c.expected = invalid;
        } else if (f == Fault.TamperRound) {
            uint32 round = uint32(c.tamper);
            t.round = round == 0 ? 1 : round;
            c.expected = abi.encodeWithSelector(ILicenseRegistry.LicenseWrongRound.selector, t.signer, t.round, 0);
        } else if (f == Fault.TamperDeadline) {
            // The deadline is checked before the signature: out of range it meets its own error.
            uint48 deadline = uint48(c.tamper);
            t.deadline = deadline == t.deadline ? deadline ^ 1 : deadline;
            c.expected = t.deadline < NOW
                ? abi.encodeWithSelector(ILicenseRegistry.LicenseSignatureExpired.selector, t.signer, t.deadline)
                : invalid;
        } else if (f == Fault.ApprovedInSameBatch) {
            // The later entry of department 1 is skipped unchecked: even a broken signature changes nothing.
            t.commentDigest ^= bytes32(uint256(1));
        } else if (f == Fault.RepeatedEntry) {
            ILicenseRegistry.SignedApproval[] memory longer = new ILicenseRegistry.SignedApproval[](batch.length + 1);
            uint256 at = c.tamper % longer.length;
            if (at <= c.p) at = c.p + 1; // the copy comes after the original, so it is the one skipped
            for (uint256 i = 0; i < longer.length; ++i) {
                longer[i] = i == at ? t : batch[i < at ? i : i - 1];
            }
            return longer;
        }
        return batch;
    }

    /// @dev The target's department changed after signing: to a required department that no other entry
    /// carries (the signature then fails), or else to one that is not required.
    function _tamperDepartment(
        SigCase memory c,
        ILicenseRegistry.SignedApproval[] memory batch,
        bytes memory invalid
    ) private pure {
        ILicenseRegistry.SignedApproval memory t = batch[c.p];
        uint256 taken = 1 << t.departmentId;
        for (uint256 i = 0; i < batch.length; ++i) taken |= 1 << batch[i].departmentId;
        for (uint32 d = 1; d <= 3 && c.tamper % 2 == 0; ++d) {
            if (taken & (1 << d) == 0) {
                t.departmentId = d;
                c.expected = invalid;
                return;
            }
        }
        uint32 dept = uint32(c.tamper >> 1);
        t.departmentId = dept >= 1 && dept <= 3 ? dept + 3 : dept;
        c.expected = _deptErr(ILicenseRegistry.LicenseDepartmentNotRequired.selector, c.appId, t.departmentId);
    }

    /// @dev For a batch expected to go through: the ApplicationApproved events of the entries it counts, in
    /// order (each department once, the ones counted already skipped); or, if it counts nothing, the
    /// LicenseApprovalsAlreadyCounted revert data.
    function _expectAccepted(
        SigCase memory c,
        ILicenseRegistry.SignedApproval[] memory batch,
        uint256 mask
    ) private returns (bytes memory) {
        bool counted = false;
        for (uint256 i = 0; i < batch.length; ++i) {
            uint256 bit = 1 << (batch[i].departmentId - 1);
            if (mask & bit != 0) continue;
            mask |= bit;
            counted = true;
            ILicenseRegistry.SignedApproval memory s = batch[i];
            vm.expectEmit(true, true, true, true, address(registry));
            emit ILicenseRegistry.ApplicationApproved(c.appId, s.departmentId, s.signer, s.commentDigest, true);
        }
        if (!counted) return abi.encodeWithSelector(ILicenseRegistry.LicenseApprovalsAlreadyCounted.selector, c.appId);
        return "";
    }

    /// @dev A batch that went through: each department counted once, issued iff complete.
    function _checkAccepted(
        SigCase memory c,
        ILicenseRegistry.SignedApproval[] memory batch,
        ILicenseRegistry.Application memory before
    ) private view {
        assertTrue(
            c.fault == Fault.None ||
                c.fault == Fault.ApprovedByTransaction ||
                c.fault == Fault.ApprovedInSameBatch ||
                c.fault == Fault.RepeatedEntry,
            "faulty batch accepted"
        );
        uint256 mask = before.approvalMask;
        for (uint256 i = 0; i < batch.length; ++i) {
            mask |= 1 << (batch[i].departmentId - 1);
        }
        ILicenseRegistry.Application memory a = registry.getApplication(c.appId);
        assertEq(a.approvalMask, mask, "approvals recorded");
        assertEq(a.round, before.round, "round unchanged");
        bool complete = mask == 7;
        assertEq(a.stage == ILicenseRegistry.Stage.Issued, complete, "issued exactly when complete");
        assertEq(registry.hasValidLicense(applicant, _sigType), complete, "hasValidLicense");
        assertEq(token.balanceOf(applicant), complete ? 1 : 0, "tokens held");
    }

    // =================================================================================================
    // 2. The approval set
    // =================================================================================================

    /// @notice A type requires a fuzzed, ordered subset (1..6) of the 8 departments. A fuzzed sequence of
    /// approvals (by transaction, one signature, or a batch of signatures in any order; by required and
    /// non-required departments; repeated) is checked against a model after every step: the licence is
    /// issued in exactly the step where the last required department approves, never before, once;
    /// the token goes to the applicant and hasValidLicense flips; everything else reverts with its
    /// error. A second application then collects the same approvals in reverse order. The steps start
    /// shortly before a New Year in UTC+8, so licence numbers and sequences straddle it in some runs.
    function testFuzz_approvals_issueExactlyWhenAllRequiredApproved(
        uint256 requiredSeed,
        uint256 requiredCount,
        uint256 startSeed,
        uint256[STEPS] memory steps
    ) public {
        vm.warp(APPOINTED);
        _appointDepartmentOfficials();
        // 16 steps advance at most 16 * 4095 s (about 18 h).
        vm.warp(_edgy(startSeed, NEW_YEAR_UTC8 - 1 days, NEW_YEAR_UTC8));
        Model memory m;
        m.required = _registerRequired(requiredSeed, bound(requiredCount, 1, 6));
        m.typeId = registry.typeCount();
        m.applicant = applicant;
        m.order = new uint32[](DEPARTMENTS);
        vm.prank(applicant);
        m.appId = registry.submit(m.typeId, keccak256("subject 1"), _documents());
        _checkModel(m);

        for (uint256 i = 0; i < STEPS; ++i) {
            _step(m, steps[i]);
        }
        // Complete the set by transaction, starting from a fuzzed department: issue at the last one only.
        for (uint256 i = 0; !m.issued; ++i) {
            uint32 d = uint32(((requiredSeed >> 128) + i) % DEPARTMENTS) + 1;
            if (m.required & (1 << d) != 0 && m.approved & (1 << d) == 0) _step(m, d - 1);
        }
        assertEq(m.orderLength, _popcount(m.required), "every required department approved once");
        // After issue, nothing more: any approval reverts, and still one licence.
        _step(m, requiredSeed);
        _checkLicenseNumber(m, 1);

        // The same approvals in reverse order issue a second licence, again at the last one only.
        uint256 n = m.orderLength;
        uint32[] memory order = new uint32[](n);
        for (uint256 i = 0; i < n; ++i) {
            order[i] = m.order[i];
        }
        m.applicant = makeAddr("second applicant");
        vm.prank(m.applicant);
        m.appId = registry.submit(m.typeId, keccak256("subject 2"), _documents());
        (m.approved, m.issued, m.issuedAt, m.licenseId, m.orderLength) = (0, false, 0, 0, 0);
        _checkModel(m);
        for (uint256 i = n; i > 0; --i) {
            // Alternate the routes: the order and the route must not matter.
            _step(m, (order[i - 1] - 1) | (((requiredSeed >> i) & 1) << 8));
        }
        assertTrue(m.issued, "second application issued");
        assertEq(m.licenseId, 2, "second licence id");
        _checkLicenseNumber(m, 2);
    }

    function _appointDepartmentOfficials() private {
        for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
            uint256 key = uint256(keccak256(abi.encode("licence official", d))) % (SECP256K1_N - 1) + 1;
            address account = vm.addr(key);
            _officials[d] = Official({key: key, account: account, dept: d});
            vm.prank(heads[d]);
            manager.grantRole(DepartmentRoles.officialRole(d), account, 0);
        }
    }

    /// @dev Registers a type whose required list is the first `count` of a seeded permutation of 1..8.
    function _registerRequired(uint256 seed, uint256 count) private returns (uint256 requiredMask) {
        uint32[DEPARTMENTS] memory perm;
        for (uint256 i = 0; i < DEPARTMENTS; ++i) perm[i] = uint32(i + 1);
        for (uint256 i = DEPARTMENTS - 1; i > 0; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % (i + 1);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        uint32[] memory required = new uint32[](count);
        for (uint256 i = 0; i < count; ++i) {
            required[i] = perm[i];
            _slot[perm[i]] = uint8(i + 1);
            requiredMask |= 1 << perm[i];
        }
        registry.registerLicenseType("LIC", "Licence", perm[0], required, VALIDITY, false, new uint32[](0));
    }

    /// @dev One step: bits 0-7 pick the department, bits 8-15 the route (0: transaction, 1: signature,
    /// 2: a batch with the departments of bits 16-23), bits 24-35 the seconds that pass first, the bits
    /// from 36 the order of a batch.
    function _step(Model memory m, uint256 step) private {
        vm.warp(block.timestamp + ((step >> 24) % 4096));
        uint32 d = uint32(step % DEPARTMENTS) + 1;
        uint256 route = ((step >> 8) & 0xff) % 3;
        if (route == 0) {
            bytes memory expected = _expectedError(m, d, m.approved);
            vm.prank(_officials[d].account);
            if (expected.length != 0) vm.expectRevert(expected);
            registry.approve(m.appId, keccak256(abi.encode(step)));
            if (expected.length == 0) _apply(m, d);
        } else {
            uint256 mask = (1 << d) | (route == 2 ? ((step >> 16) & 0xff) << 1 : 0);
            _stepBySignatures(m, mask, step >> 36);
        }
        _checkModel(m);
    }

    /// @dev Submits signed approvals of the departments in `mask` (bit d: department d), in an order drawn
    /// from `orderSeed`. The model: the first entry of a department that is not required sinks the batch;
    /// an entry of a department counted already (before, or earlier in the batch) is skipped; a batch that
    /// counts nothing reverts with LicenseApprovalsAlreadyCounted.
    function _stepBySignatures(Model memory m, uint256 mask, uint256 orderSeed) private {
        uint32[] memory depts = _shuffledDepartments(mask, orderSeed);
        ILicenseRegistry.SignedApproval[] memory batch = new ILicenseRegistry.SignedApproval[](depts.length);
        // Once issued, the stage check comes first, whatever the batch holds.
        bytes memory expected = m.issued ? _expectedError(m, 0, 0) : bytes("");
        uint256 approved = m.approved;
        uint32[] memory counted = new uint32[](depts.length);
        uint256 n = 0;
        for (uint256 i = 0; i < depts.length; ++i) {
            Official memory o = _officials[depts[i]];
            batch[i] = ILicenseRegistry.SignedApproval({
                signer: o.account,
                departmentId: o.dept,
                round: 0,
                commentDigest: keccak256(abi.encode(mask, i)),
                deadline: uint48(block.timestamp + 1 hours),
                signature: ""
            });
            batch[i].signature = _sign(o.key, _registryDigest(m.appId, batch[i]));
            if (expected.length != 0) continue;
            if (m.required & (1 << o.dept) == 0) {
                // The first failing entry decides the error; the whole batch then reverts.
                expected = _deptErr(ILicenseRegistry.LicenseDepartmentNotRequired.selector, m.appId, o.dept);
            } else if (approved & (1 << o.dept) == 0) {
                approved |= 1 << o.dept;
                counted[n++] = o.dept;
            }
        }
        if (expected.length == 0 && n == 0) {
            expected = abi.encodeWithSelector(ILicenseRegistry.LicenseApprovalsAlreadyCounted.selector, m.appId);
        }
        if (expected.length != 0) vm.expectRevert(expected);
        registry.submitApprovals(m.appId, batch);
        if (expected.length != 0) return;
        for (uint256 i = 0; i < n; ++i) {
            _apply(m, counted[i]);
        }
    }

    /// @dev The error an approval of `dept` must meet when `approved` have approved (empty: none).
    function _expectedError(Model memory m, uint32 dept, uint256 approved) private pure returns (bytes memory) {
        if (m.issued) {
            return
                abi.encodeWithSelector(
                    ILicenseRegistry.LicenseWrongStage.selector,
                    m.appId,
                    ILicenseRegistry.Stage.Issued
                );
        }
        if (m.required & (1 << dept) == 0) {
            return _deptErr(ILicenseRegistry.LicenseDepartmentNotRequired.selector, m.appId, dept);
        }
        if (approved & (1 << dept) != 0) {
            return _deptErr(ILicenseRegistry.LicenseDuplicateApproval.selector, m.appId, dept);
        }
        return "";
    }

    /// @dev Records an accepted approval; the last required one issues in the same step.
    function _apply(Model memory m, uint32 dept) private view {
        m.approved |= 1 << dept;
        m.order[m.orderLength++] = dept;
        // Checked per entry: in a batch, issue happens only after the batch, at the same timestamp.
        if (m.approved == m.required) {
            m.issued = true;
            m.issuedAt = uint48(block.timestamp);
            m.licenseId = m.applicant == applicant ? 1 : 2;
        }
    }

    /// @dev The registry agrees with the model.
    function _checkModel(Model memory m) private view {
        ILicenseRegistry.Application memory a = registry.getApplication(m.appId);
        uint256 mask = 0;
        for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
            if (m.approved & (1 << d) != 0) mask |= 1 << (_slot[d] - 1);
        }
        assertEq(a.approvalMask, mask, "approvalMask");
        assertEq(a.round, 0, "round");
        assertEq(registry.hasValidLicense(m.applicant, m.typeId), m.issued, "hasValidLicense");
        if (!m.issued) {
            assertEq(uint8(a.stage), uint8(ILicenseRegistry.Stage.Pending), "stage before issue");
            assertEq(a.licenseId, 0, "application licence before issue");
            assertEq(registry.licenseOf(m.applicant, m.typeId), 0, "licenseOf before issue");
            assertEq(token.balanceOf(m.applicant), 0, "tokens before issue");
            _assertNoLicense(m.applicant == applicant ? 1 : 2);
            return;
        }
        assertEq(uint8(a.stage), uint8(ILicenseRegistry.Stage.Issued), "stage after issue");
        assertEq(a.decidedAt, m.issuedAt, "issued in the step of the last approval");
        assertEq(a.licenseId, m.licenseId, "application licence");
        assertEq(registry.licenseOf(m.applicant, m.typeId), m.licenseId, "licenseOf");
        assertEq(token.ownerOf(m.licenseId), m.applicant, "token owner");
        assertEq(token.balanceOf(m.applicant), 1, "exactly one token");
        ILicenseRegistry.License memory lic = registry.getLicense(m.licenseId);
        assertEq(lic.holder, m.applicant, "holder");
        assertEq(lic.issuedAt, m.issuedAt, "issuedAt");
        assertEq(lic.validUntil, uint256(m.issuedAt) + VALIDITY, "validUntil");
        assertEq(lic.applicationId, m.appId, "licence application");
        _assertNoLicense(m.licenseId + 1);
    }

    function _assertNoLicense(uint256 licenseId) private view {
        try registry.getLicense(licenseId) returns (ILicenseRegistry.License memory) {
            fail(string.concat("unexpected licence ", Strings.toString(licenseId)));
        } catch (bytes memory reason) {
            assertEq(
                keccak256(reason),
                keccak256(abi.encodeWithSelector(ILicenseRegistry.LicenseUnknown.selector, licenseId)),
                "LicenseUnknown"
            );
        }
    }

    /// @dev The number is code-year-sequence, with the year of the issue time in UTC+8 by the reference.
    function _checkLicenseNumber(Model memory m, uint256 licenseId) private view {
        ILicenseRegistry.License memory lic = registry.getLicense(licenseId);
        uint256 year = _referenceYear(uint256(lic.issuedAt) + 8 hours);
        assertEq(lic.year, year, "licence year");
        uint256 sequence = 1;
        if (licenseId == 2 && registry.getLicense(1).year == year) sequence = 2;
        assertEq(lic.sequence, sequence, "licence sequence");
        string memory number = string.concat("LIC-", Strings.toString(year), "-00000", Strings.toString(sequence));
        assertEq(registry.licenseNumber(licenseId), number, "licence number");
        assertEq(registry.licenseByNumber(number), licenseId, "licenseByNumber");
        assertEq(lic.typeId, m.typeId, "licence type");
    }

    /// @dev The departments in `mask` (bit d: department d), in an order drawn from `seed`.
    function _shuffledDepartments(uint256 mask, uint256 seed) private pure returns (uint32[] memory depts) {
        depts = new uint32[](_popcount(mask));
        uint256 n = 0;
        for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
            if (mask & (1 << d) != 0) depts[n++] = d;
        }
        for (uint256 i = n; i > 1; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % i;
            (depts[i - 1], depts[j]) = (depts[j], depts[i - 1]);
        }
    }

    // =================================================================================================
    // 3. One subject, one licence
    // =================================================================================================

    /// @notice Three accounts and the review department act on licences for two subjects in a fuzzed
    /// sequence (submit for either subject, approve, reject, amend, withdraw, suspend, revoke, renew, time
    /// passing; every call may fail). After every step: per subject, at most one licence in force (valid or
    /// suspended) and at most one application under review, and the subject views name them; per account,
    /// at most one licence in force and at most one open application, and the account views name them.
    function testFuzz_subjects_oneLicenceInForcePerSubject(uint256[SUBJECT_STEPS] memory steps) public {
        uint32[] memory review = new uint32[](1);
        review[0] = 1;
        uint32 typeId = registry.registerLicenseType("SUBJ", "Licence", 1, review, 10 days, true, review);
        address[3] memory accounts = [makeAddr("account 0"), makeAddr("account 1"), makeAddr("account 2")];
        for (uint256 i = 0; i < SUBJECT_STEPS; ++i) {
            _subjectStep(typeId, accounts, steps[i]);
            _checkSubjects(typeId, accounts);
        }
    }

    /// @dev One step: bits 0-7 the action, 8-15 the account, 16-23 the subject, 24-39 the application or
    /// licence (counted back from the latest), 40-59 the seconds that pass.
    function _subjectStep(uint32 typeId, address[3] memory accounts, uint256 step) private {
        uint256 action = step % 10;
        address account = accounts[(step >> 8) % 3];
        bytes32 subject = keccak256(abi.encode("subject", (step >> 16) % 2));
        uint256 applications = registry.applicationCount();
        uint256 appId = applications == 0 ? 0 : applications - ((step >> 24) & 0xff) % applications;
        uint256 licenseId = _latestLicense((step >> 32) & 0xff);
        address head = heads[1];
        if (action == 0 || action == 1) {
            vm.prank(account);
            try registry.submit(typeId, subject, _documents()) {} catch {}
        } else if (action == 2) {
            vm.prank(head);
            try registry.approve(appId, bytes32(step)) {} catch {}
        } else if (action == 3) {
            vm.prank(head);
            try registry.reject(appId, 1, bytes32(step)) {} catch {}
        } else if (action == 4 && appId != 0) {
            vm.prank(registry.getApplication(appId).applicant);
            try registry.amend(appId, _documents()) {} catch {}
        } else if (action == 5 && appId != 0) {
            vm.prank(registry.getApplication(appId).applicant);
            try registry.withdraw(appId) {} catch {}
        } else if (action == 6) {
            vm.prank(head);
            try registry.suspend(licenseId, 1) {} catch {}
        } else if (action == 7) {
            vm.prank(head);
            try registry.revoke(licenseId, 1) {} catch {}
        } else if (action == 8 && licenseId != 0) {
            vm.prank(registry.getLicense(licenseId).holder);
            try registry.submitRenewal(licenseId, _documents()) {} catch {}
        } else {
            vm.warp(block.timestamp + ((step >> 40) % 6 days));
        }
    }

    /// @dev A licence id counted back `back` from the latest (0 if none has been issued).
    function _latestLicense(uint256 back) private view returns (uint256) {
        for (uint256 id = registry.applicationCount(); id > 0; --id) {
            uint256 licenseId = registry.getApplication(id).licenseId;
            if (licenseId != 0) return licenseId > back ? licenseId - back : 1;
        }
        return 0;
    }

    function _checkSubjects(uint32 typeId, address[3] memory accounts) private view {
        uint256 applications = registry.applicationCount();
        for (uint256 s = 0; s < 2; ++s) {
            bytes32 subject = keccak256(abi.encode("subject", s));
            (uint256 pending, uint256 pendingCount) = (0, 0);
            for (uint256 id = 1; id <= applications; ++id) {
                ILicenseRegistry.Application memory a = registry.getApplication(id);
                if (a.subjectId == subject && a.stage == ILicenseRegistry.Stage.Pending) (pending, pendingCount) = (id, pendingCount + 1);
            }
            assertLe(pendingCount, 1, "one application under review per subject");
            assertEq(registry.applicationOfSubject(typeId, subject), pending, "applicationOfSubject");
            (uint256 inForce, uint256 inForceCount) = _licencesInForce(subject, address(0));
            assertLe(inForceCount, 1, "one licence in force per subject");
            if (inForceCount == 1) assertEq(registry.licenseOfSubject(typeId, subject), inForce, "licenseOfSubject");
        }
        for (uint256 k = 0; k < 3; ++k) {
            (uint256 open, uint256 openCount) = (0, 0);
            for (uint256 id = 1; id <= applications; ++id) {
                ILicenseRegistry.Application memory a = registry.getApplication(id);
                bool isOpen = a.stage == ILicenseRegistry.Stage.Pending || a.stage == ILicenseRegistry.Stage.Rejected;
                if (a.applicant == accounts[k] && isOpen) (open, openCount) = (id, openCount + 1);
            }
            assertLe(openCount, 1, "one open application per account");
            assertEq(registry.openApplicationOf(accounts[k], typeId), open, "openApplicationOf");
            (uint256 inForce, uint256 inForceCount) = _licencesInForce(bytes32(0), accounts[k]);
            assertLe(inForceCount, 1, "one licence in force per account");
            if (inForceCount == 1) assertEq(registry.licenseOf(accounts[k], typeId), inForce, "licenseOf");
        }
    }

    /// @dev The licences in force (valid or suspended) of `subject`, or of `holder` if the subject is zero.
    function _licencesInForce(bytes32 subject, address holder) private view returns (uint256 last, uint256 count) {
        for (uint256 id = 1; registry.licenseStatus(id) != ILicenseRegistry.LicenseStatus.None; ++id) {
            ILicenseRegistry.License memory lic = registry.getLicense(id);
            if (subject != bytes32(0) ? lic.subjectId != subject : lic.holder != holder) continue;
            ILicenseRegistry.LicenseStatus status = registry.licenseStatus(id);
            if (status == ILicenseRegistry.LicenseStatus.Valid || status == ILicenseRegistry.LicenseStatus.Suspended) {
                (last, count) = (id, count + 1);
            }
        }
    }

    // =================================================================================================
    // 4. Civil time
    // =================================================================================================

    /// @notice Before 1970 the day count rounds down, not toward zero: the last second of 1969 is in 1969.
    function test_civilTime_yearBeforeTheEpoch() public pure {
        assertEq(CivilTime.yearOf(-1), 1969, "1969-12-31T23:59:59");
        assertEq(CivilTime.yearOf(-86_400), 1969, "1969-12-31T00:00:00");
        assertEq(CivilTime.yearOf(-31_536_000), 1969, "1969-01-01T00:00:00");
        assertEq(CivilTime.yearOf(-31_536_001), 1968, "1968-12-31T23:59:59");
        assertEq(CivilTime.yearOf(0), 1970, "1970-01-01T00:00:00");
    }

    /// @notice CivilTime.yearOf agrees with a year-by-year count from 1970: at a fuzzed instant anywhere
    /// up to the end of 2200, and at the first and last second of every day of a fuzzed year (so New
    /// Year, 29 February and 1 March, where the library's internal March-based year turns over), with the
    /// last second before it and the first after it.
    function testFuzz_civilTime_yearMatchesReference(uint256 instant, uint256 yearSeed) public pure {
        uint256 t = bound(instant, 0, YEAR_2201 - 1);
        assertEq(CivilTime.yearOf(int256(t)), _referenceYear(t), "yearOf at a fuzzed instant");

        uint256 year = bound(yearSeed, 1970, 2200);
        uint256 start = _yearStart(year);
        uint256 days_ = _isLeap(year) ? 366 : 365;
        if (start > 0) assertEq(CivilTime.yearOf(int256(start - 1)), year - 1, "last second of the year before");
        for (uint256 d = 0; d < days_; ++d) {
            uint256 dayStart = start + d * 1 days;
            assertEq(CivilTime.yearOf(int256(dayStart)), year, "first second of a day");
            assertEq(CivilTime.yearOf(int256(dayStart + 1 days - 1)), year, "last second of a day");
        }
        assertEq(CivilTime.yearOf(int256(start + days_ * 1 days)), year + 1, "first second of the next year");
    }

    /// @dev The year containing `t`, by counting whole years from 1970.
    function _referenceYear(uint256 t) private pure returns (uint256 year) {
        year = 1970;
        uint256 start = 0;
        while (true) {
            uint256 end = start + (_isLeap(year) ? 366 days : 365 days);
            if (t < end) return year;
            start = end;
            ++year;
        }
    }

    /// @dev 00:00:00 UTC on 1 January of `year` (>= 1970).
    function _yearStart(uint256 year) private pure returns (uint256 start) {
        for (uint256 y = 1970; y < year; ++y) {
            start += _isLeap(y) ? 366 days : 365 days;
        }
    }

    function _isLeap(uint256 year) private pure returns (bool) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    // =================================================================================================
    // Helpers
    // =================================================================================================

    function _documents() private pure returns (bytes32[] memory digests) {
        digests = new bytes32[](1);
        digests[0] = keccak256("application form");
    }

    /// @dev The EIP-712 digest computed here, for any chain and verifying contract.
    function _digest(
        uint256 chainId,
        address verifier,
        uint256 appId,
        ILicenseRegistry.SignedApproval memory s
    ) private pure returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("govchain licences"), keccak256("1"), chainId, verifier)
        );
        bytes32 structHash = keccak256(
            abi.encode(APPROVAL_TYPEHASH, appId, s.round, s.departmentId, s.commentDigest, s.deadline)
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _registryDigest(uint256 appId, ILicenseRegistry.SignedApproval memory s) private view returns (bytes32) {
        return registry.approvalDigest(appId, s.round, s.departmentId, s.commentDigest, s.deadline);
    }

    function _sign(uint256 key, bytes32 digest) private pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _notOfficial(address signer, uint32 dept) private pure returns (bytes memory) {
        return abi.encodeWithSelector(ILicenseRegistry.LicenseSignerNotOfficial.selector, signer, dept);
    }

    function _deptErr(bytes4 selector, uint256 appId, uint32 dept) private pure returns (bytes memory) {
        return abi.encodeWithSelector(selector, appId, dept);
    }

    function _indexOf(uint256[] memory members, uint256 signer) private pure returns (uint256) {
        for (uint256 i = 0; i < members.length; ++i) {
            if (members[i] == signer) return i;
        }
        revert AssertionFailed("signer not in batch");
    }

    /// @dev A value in [min, max]: one of the two ends for three seeds in four, so that off-by-one
    /// boundaries (deadline == now, the second of a removal) are hit
    /// in every campaign even by faults drawn only a dozen times.
    function _edgy(uint256 seed, uint256 min, uint256 max) private pure returns (uint256) {
        uint256 pick = seed % 8;
        if (pick < 3) return min;
        if (pick < 6) return max;
        return bound(seed, min, max);
    }

    function _popcount(uint256 x) private pure returns (uint256 n) {
        for (; x != 0; x &= x - 1) ++n;
    }
}
