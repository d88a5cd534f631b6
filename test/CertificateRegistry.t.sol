// SPDX-License-Identifier: Apache-2.0
// Test names follow testFuzz_<function>_<property> and test_<function>_<behaviour>.
/* solhint-disable func-name-mixedcase */
pragma solidity ^0.8.24;

// Tests read block.timestamp to steer and check time (vm.warp): that is their job, not business logic.
// solhint-disable not-rely-on-time

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {DepartmentDirectory} from "../contracts/authority/DepartmentDirectory.sol";
import {GovchainAccessManager} from "../contracts/authority/GovchainAccessManager.sol";
import {ICertificateRegistry} from "../contracts/interfaces/ICertificateRegistry.sol";
import {IDepartmentDirectory} from "../contracts/interfaces/IDepartmentDirectory.sol";
import {DepartmentRoles} from "../contracts/libraries/DepartmentRoles.sol";
import {StatusBits} from "../contracts/libraries/StatusBits.sol";
import {CertificateRegistry} from "../contracts/registries/CertificateRegistry.sol";

import {Test} from "./utils/Test.sol";

/// @notice Fuzz tests of the certificate registry against small, independent models: a status model
/// for single certificates over time, an in-test Merkle tree (OpenZeppelin's StandardMerkleTree layout)
/// for batches, and a bit-by-bit model of the W3C status lists.
/// @dev The test contract is the platform administrator. Department 1 (SAMR) issues both certificate
/// types; `alice` and `bob` are its officials, `carol` is an official of department 2 (TAX).
contract CertificateRegistryTest is Test {
    using StatusBits for mapping(uint256 => uint256);

    /// @dev Deployment time; the officials are appointed at this second.
    uint48 private constant START = 1_700_000_000;
    /// @dev Default validity of `typeExpiring`, short so that fuzzed times reach its boundaries.
    uint64 private constant DEFAULT_VALIDITY = 1000;
    uint32 private constant DEPT = 1;
    uint32 private constant OTHER_DEPT = 2;
    uint256 private constant STEPS = 12;
    uint256 private constant MAX_LEAVES = 16;
    /// @dev "No such index" for the status helpers.
    uint256 private constant NONE = type(uint256).max;

    /// @dev A two-level status list of the test's own, for `testFuzz_statusBits_twoLevelRangeMatchesModel`.
    mapping(uint256 => uint256) private _listBits;
    mapping(uint256 => uint256) private _listWholeWords;

    GovchainAccessManager private manager;
    DepartmentDirectory private directory;
    CertificateRegistry private registry;

    address private head;
    address private alice;
    address private bob;
    address private carol;

    /// @dev A type with a default validity, and one without (no expiry unless an issue gives one).
    uint32 private typeExpiring;
    uint32 private typeOpen;

    /// @dev The model of one single certificate in `testFuzz_verify_statusOverTime`.
    struct Cert {
        bytes32 digest;
        bytes32 holder;
        uint32 typeId;
        uint48 statusIndex;
        uint48 issuedAt;
        uint48 validFrom;
        uint48 validUntil;
        bool suspended;
        bool revoked;
        bytes32 replacement;
        uint48 replacementUntil;
        bool issuerRemoved;
    }

    /// @dev The batches of `testFuzz_verifyBatchItem_proofForOneLeafNeverVerifiesAnother`.
    struct BatchCase {
        uint256 n;
        uint256 filler;
        uint256 shortCount;
        uint256 k;
        bool revoke;
        uint256 batchA;
        uint256 batchB;
        uint48 expiresB;
    }

    /// @dev The entries of `testFuzz_statusBits_setRangeMatchesSingleSets`, in status-list order:
    /// singles, filler batch, target batch from `first`, trailing batch; `total` in all.
    struct RangeCase {
        uint256 singles;
        uint256 offset;
        uint256 count;
        uint256 trailing;
        uint256 first;
        uint256 total;
        bool markBefore;
        bool markAfter;
        uint256 fillerBatch;
        uint256 batchId;
        uint256 trailingBatch;
    }

    /// @dev A Merkle batch built in the test: leaf i is (uint32 i, digests[i], holders[i]).
    struct Tree {
        bytes32[] digests;
        bytes32[] holders;
        bytes32[] nodes;
        bytes32[][] proofs;
    }

    function setUp() public {
        vm.warp(START);
        manager = new GovchainAccessManager(address(this), 0);
        directory = new DepartmentDirectory(address(manager));
        manager.setDepartmentDirectory(address(directory));
        directory.registerDepartment("SAMR", "", "Market Regulation Bureau", "");
        directory.registerDepartment("TAX", "", "Tax Bureau", "");

        head = makeAddr("head SAMR");
        address otherHead = makeAddr("head TAX");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        manager.grantRole(DepartmentRoles.headRole(DEPT), head, 0);
        manager.grantRole(DepartmentRoles.headRole(OTHER_DEPT), otherHead, 0);
        vm.prank(head);
        manager.grantRole(DepartmentRoles.officialRole(DEPT), alice, 0);
        vm.prank(head);
        manager.grantRole(DepartmentRoles.officialRole(DEPT), bob, 0);
        vm.prank(otherHead);
        manager.grantRole(DepartmentRoles.officialRole(OTHER_DEPT), carol, 0);

        registry = new CertificateRegistry(address(manager), IDepartmentDirectory(address(directory)));
        _openToPublic();
        uint32[] memory issuers = new uint32[](1);
        issuers[0] = DEPT;
        typeExpiring = registry.registerType("BIZ-LICENCE", "Business licence", issuers, DEFAULT_VALIDITY, true, true);
        typeOpen = registry.registerType("DEGREE", "Degree certificate", issuers, 0, true, true);
    }

    // =================================================================================================
    // 1. Single certificates: status over time
    // =================================================================================================

    /// @notice A certificate issued with fuzzed validity (explicit, type default or none), then taken
    /// through a fuzzed sequence of time jumps and suspend / reinstate / revoke / supersede calls.
    /// After every step `verify` must agree with the model, the two status-list words holding the
    /// certificate's bit must be exactly that bit or nothing, and the record (type, department, dates,
    /// holder) must stay as issued even after the issuing official is removed (the official is only in
    /// the CertificateIssued event, checked at issue). Once revoked or superseded, every
    /// status-changing call must revert with CertificateFinal.
    function testFuzz_verify_statusOverTime(
        bool withDefault,
        uint256 filler,
        uint256 issueDelay,
        uint256 fromSeed,
        uint256 untilSeed,
        uint256 removeAtStep,
        bytes32 digest,
        bytes32 holder,
        uint256[STEPS] memory steps
    ) public {
        Cert memory c;
        c.typeId = withDefault ? typeExpiring : typeOpen;
        c.digest = digest == bytes32(0) ? keccak256("digest") : digest;
        c.holder = holder == bytes32(0) ? keccak256("holder") : holder;

        // Earlier entries (a batch, which costs one call) put the certificate anywhere in the first words.
        filler = bound(filler, 0, 700);
        if (filler != 0) {
            vm.prank(alice);
            registry.anchorBatch(c.typeId, keccak256("filler"), uint32(filler), 0, 0, "");
        }

        vm.warp(START + bound(issueDelay, 0, 1000));
        (uint48 validFrom, uint48 validUntil) = _fuzzValidity(c, fromSeed, untilSeed);
        c.statusIndex = _issueAsAlice(c, validFrom, validUntil, uint32(filler));
        c.issuedAt = _now();
        assertEq(c.statusIndex, filler, "statusIndex");
        assertEq(registry.certificateType(c.typeId).statusEntries, filler + 1, "statusEntries");
        _check(c);

        removeAtStep = bound(removeAtStep, 0, STEPS); // STEPS: never removed
        for (uint256 s = 0; s < STEPS; ++s) {
            uint256 r = uint256(keccak256(abi.encode(steps[s], s)));
            _advance(c, r);
            if (s == removeAtStep) _removeIssuer(c);
            _act(c, r >> 128);
            _check(c);
        }
    }

    /// @dev Alice issues `c`; its CertificateIssued event must name her (the only record of who issued).
    function _issueAsAlice(
        Cert memory c,
        uint48 validFrom,
        uint48 validUntil,
        uint48 expectedIndex
    ) private returns (uint48) {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICertificateRegistry.CertificateIssued(
            c.digest,
            c.typeId,
            DEPT,
            alice,
            c.holder,
            c.validFrom,
            c.validUntil,
            expectedIndex,
            "ipfs://certificate"
        );
        vm.prank(alice);
        return registry.issue(c.typeId, c.digest, c.holder, validFrom, validUntil, "ipfs://certificate");
    }

    /// @dev Chooses validFrom (0 = now, past, now, future) and validUntil (0 = type default or none, or
    /// after validFrom) and records the values the registry must store.
    function _fuzzValidity(
        Cert memory c,
        uint256 fromSeed,
        uint256 untilSeed
    ) private view returns (uint48 validFrom, uint48 validUntil) {
        uint48 now_ = _now();
        uint256 mode = fromSeed % 4;
        if (mode == 1) validFrom = uint48(now_ - bound(fromSeed >> 8, 1, 2000));
        else if (mode == 2) validFrom = now_;
        else if (mode == 3) validFrom = uint48(now_ + bound(fromSeed >> 8, 1, 3000));
        c.validFrom = validFrom == 0 ? now_ : validFrom;

        if (untilSeed % 3 != 0) validUntil = uint48(c.validFrom + bound(untilSeed >> 8, 1, 3000));
        if (validUntil != 0) c.validUntil = validUntil;
        else if (c.typeId == typeExpiring) c.validUntil = c.validFrom + uint48(DEFAULT_VALIDITY);
    }

    /// @dev Moves time forward: not at all, by a second, to either side of a validity boundary, or by
    /// up to 1500 seconds. Never backwards.
    function _advance(Cert memory c, uint256 r) private {
        uint256 now_ = _now();
        uint256 target = now_;
        uint256 mode = r % 8;
        if (mode == 1) target = now_ + 1;
        else if (mode == 2) target = uint256(c.validFrom) - 1;
        else if (mode == 3) target = c.validFrom;
        else if (mode == 4 && c.validUntil != 0) target = uint256(c.validUntil) - 1;
        else if (mode == 5 && c.validUntil != 0) target = c.validUntil;
        else if (mode >= 6) target = now_ + bound(r >> 8, 0, 1500);
        if (target > now_) vm.warp(target);
    }

    /// @dev The issuing official leaves the department (at least a second after the issue). She can no
    /// longer change the certificate; her colleague can.
    function _removeIssuer(Cert memory c) private {
        if (_now() == c.issuedAt) vm.warp(_now() + 1);
        vm.prank(head);
        manager.revokeRole(DepartmentRoles.officialRole(DEPT), alice);
        c.issuerRemoved = true;
        vm.expectRevert(
            abi.encodeWithSelector(ICertificateRegistry.CertificateNotIssuingDepartment.selector, DEPT, alice)
        );
        vm.prank(alice);
        registry.suspend(c.digest, 1);
    }

    /// @dev One fuzzed action, one in four of them a no-op; revoke and supersede are rare (1/16 each)
    /// so that most runs spend a while suspended and reinstated before their status becomes final.
    function _act(Cert memory c, uint256 r) private {
        uint256 action = r % 16;
        address actor = c.issuerRemoved ? bob : alice;
        if (action >= 12) return;

        if (c.revoked || c.replacement != bytes32(0)) {
            _expectAllFinal(c, actor);
            return;
        }

        if (action == 0) {
            vm.prank(actor);
            registry.revoke(c.digest, 2);
            c.revoked = true;
        } else if (action == 1) {
            _supersede(c, actor);
        } else if (action <= 6) {
            if (c.suspended) {
                vm.expectRevert(
                    abi.encodeWithSelector(ICertificateRegistry.CertificateIsSuspended.selector, c.digest)
                );
            }
            vm.prank(actor);
            registry.suspend(c.digest, 3);
            c.suspended = true;
        } else {
            if (!c.suspended) {
                vm.expectRevert(
                    abi.encodeWithSelector(ICertificateRegistry.CertificateNotSuspended.selector, c.digest)
                );
            }
            vm.prank(actor);
            registry.reinstate(c.digest);
            c.suspended = false;
        }
    }

    function _supersede(Cert memory c, address actor) private {
        bytes32 replacement = keccak256(abi.encode(c.digest, "replacement"));
        if (c.typeId == typeExpiring) c.replacementUntil = _now() + uint48(DEFAULT_VALIDITY);
        // The replacement's event names the official who superseded: the only record of who issued it.
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICertificateRegistry.CertificateIssued(
            replacement,
            c.typeId,
            DEPT,
            actor,
            c.holder,
            _now(),
            c.replacementUntil,
            c.statusIndex + 1,
            "ipfs://corrected"
        );
        vm.prank(actor);
        uint48 index = registry.supersede(c.digest, replacement, c.holder, 0, 0, 4, "ipfs://corrected");
        c.replacement = replacement;
        assertEq(index, uint256(c.statusIndex) + 1, "replacement statusIndex");

        ICertificateRegistry.Verification memory v = registry.verify(replacement);
        assertEq(v.supersedes, c.digest, "replacement supersedes");
        assertEq(v.supersededBy, bytes32(0), "replacement supersededBy");
        assertEq(v.issuedAt, _now(), "replacement issuedAt");
        assertEq(v.departmentId, DEPT, "replacement departmentId");
        assertEq(v.typeId, c.typeId, "replacement typeId");
        assertEq(v.holderCommitment, c.holder, "replacement holder");
        assertEq(v.validFrom, _now(), "replacement validFrom");
        assertEq(v.validUntil, c.replacementUntil, "replacement validUntil");
        assertFalse(_bit(c.typeId, ICertificateRegistry.StatusPurpose.Revocation, index), "replacement revoked bit");
        assertFalse(_bit(c.typeId, ICertificateRegistry.StatusPurpose.Suspension, index), "replacement suspended bit");
    }

    /// @dev Every status-changing call on a final certificate reverts with CertificateFinal.
    function _expectAllFinal(Cert memory c, address actor) private {
        ICertificateRegistry.Status status = c.replacement != bytes32(0)
            ? ICertificateRegistry.Status.Superseded
            : ICertificateRegistry.Status.Revoked;
        bytes memory err = abi.encodeWithSelector(ICertificateRegistry.CertificateFinal.selector, c.digest, status);

        vm.expectRevert(err);
        vm.prank(actor);
        registry.suspend(c.digest, 1);
        vm.expectRevert(err);
        vm.prank(actor);
        registry.reinstate(c.digest);
        vm.expectRevert(err);
        vm.prank(actor);
        registry.revoke(c.digest, 1);
        vm.expectRevert(err);
        vm.prank(actor);
        registry.supersede(c.digest, keccak256(abi.encode(c.digest, "again")), c.holder, 0, 0, 1, "");
    }

    /// @dev The status the model expects now, with the registry's precedence.
    function _expectedStatus(Cert memory c) private view returns (ICertificateRegistry.Status) {
        if (c.replacement != bytes32(0)) return ICertificateRegistry.Status.Superseded;
        if (c.revoked) return ICertificateRegistry.Status.Revoked;
        if (c.suspended) return ICertificateRegistry.Status.Suspended;
        if (_now() < c.validFrom) return ICertificateRegistry.Status.NotYetValid;
        if (c.validUntil != 0 && _now() >= c.validUntil) return ICertificateRegistry.Status.Expired;
        return ICertificateRegistry.Status.Valid;
    }

    function _check(Cert memory c) private view {
        ICertificateRegistry.Verification memory v = registry.verify(c.digest);
        _assertStatus(v.status, _expectedStatus(c), "verify status");
        assertEq(v.typeId, c.typeId, "typeId");
        assertEq(v.departmentId, DEPT, "departmentId");
        assertEq(v.issuedAt, c.issuedAt, "issuedAt");
        assertEq(v.validFrom, c.validFrom, "validFrom");
        assertEq(v.validUntil, c.validUntil, "validUntil");
        assertEq(v.statusIndex, c.statusIndex, "statusIndex");
        assertEq(v.holderCommitment, c.holder, "holderCommitment");
        assertEq(v.supersedes, bytes32(0), "supersedes");
        assertEq(v.supersededBy, c.replacement, "supersededBy");
        assertEq(directory.isOfficial(DEPT, alice), !c.issuerRemoved, "issuer still an official");

        // The words holding the certificate's bits: exactly its bit (MSB-first) or nothing, since every
        // other entry of the type (the filler batch, the replacement) is neither revoked nor suspended.
        uint256 mask = uint256(1) << (255 - (uint256(c.statusIndex) % 256));
        bool revokedBit = c.revoked || c.replacement != bytes32(0);
        uint256 revocationWord = _word(c.typeId, ICertificateRegistry.StatusPurpose.Revocation, c.statusIndex / 256);
        uint256 suspensionWord = _word(c.typeId, ICertificateRegistry.StatusPurpose.Suspension, c.statusIndex / 256);
        assertEq((revocationWord >> (255 - (c.statusIndex % 256))) & 1 == 1, revokedBit, "revocation bit");
        assertEq((suspensionWord >> (255 - (c.statusIndex % 256))) & 1 == 1, c.suspended, "suspension bit");
        assertEq(revocationWord, revokedBit ? mask : 0, "revocation word");
        assertEq(suspensionWord, c.suspended ? mask : 0, "suspension word");

        if (c.replacement != bytes32(0)) {
            bool expired = c.replacementUntil != 0 && _now() >= c.replacementUntil;
            _assertStatus(
                registry.verify(c.replacement).status,
                expired ? ICertificateRegistry.Status.Expired : ICertificateRegistry.Status.Valid,
                "replacement status"
            );
        }
    }

    // =================================================================================================
    // 2. Merkle batches
    // =================================================================================================

    /// @notice A batch of 1 to 16 fuzzed leaves (some digests and holders repeated, so that leaves may
    /// differ only by index) is anchored; every leaf verifies with its own proof, and no proof verifies
    /// another leaf, a mutated digest, holder or index, or a truncated path. The same root cannot be
    /// anchored again (CertificateRootAlreadyAnchored), not even by another official for another type.
    /// A second batch, a tree of as many leaves anchored with a fuzzed smaller count (of the other type,
    /// valid for DEFAULT_VALIDITY), must answer Unknown for indexes at or beyond its count even with a
    /// correct proof. Then one fuzzed item of the first batch is revoked or suspended: only that item's
    /// status and status bit change.
    function testFuzz_verifyBatchItem_proofForOneLeafNeverVerifiesAnother(
        uint256 n,
        bytes32 seed,
        uint256 dupMask,
        uint256 mutation,
        uint256 filler,
        uint256 shortCount,
        uint256 target,
        bool revokeTarget
    ) public {
        n = bound(n, 1, MAX_LEAVES);
        Tree memory t = _buildTree(n, seed, dupMask);
        Tree memory u = _buildTree(n, keccak256(abi.encode(seed, "batch B")), dupMask);
        BatchCase memory b;
        b.n = n;
        b.filler = bound(filler, 0, 300);
        b.shortCount = bound(shortCount, 1, n);
        b.k = bound(target, 0, n - 1);
        b.revoke = revokeTarget;

        _anchorBatches(b, t, u);
        _checkProofs(b.batchA, t, mutation);
        // A tree anchored with fewer items: a proven leaf beyond the count is not part of the batch.
        _assertBatchStatuses(b.batchB, u, NONE, ICertificateRegistry.Status.Valid, b.shortCount);
        _assertStatus(
            registry.verifyBatchItem(b.batchB + 1, 0, t.digests[0], t.holders[0], t.proofs[0]),
            ICertificateRegistry.Status.Unknown,
            "unknown batch"
        );
        _changeOneItem(b, t, u);
        _expireBatchB(b, t, u);
    }

    /// @dev Batch A: the tree's root and all its leaves, of `typeOpen`, after `filler` other entries.
    /// Batch A's root again is refused. Batch B: tree `u`'s root with `shortCount` items, of `typeExpiring`.
    function _anchorBatches(BatchCase memory b, Tree memory t, Tree memory u) private {
        bytes32 root = t.nodes[0];
        if (b.filler != 0) {
            vm.prank(alice);
            registry.anchorBatch(typeOpen, keccak256("filler"), uint32(b.filler), 0, 0, "");
        }
        vm.prank(alice);
        b.batchA = registry.anchorBatch(typeOpen, root, uint32(b.n), 0, 0, "ipfs://batch-a");
        ICertificateRegistry.Batch memory a = registry.batch(b.batchA);
        assertEq(a.firstStatusIndex, b.filler, "firstStatusIndex");
        assertEq(a.count, b.n, "count");
        assertEq(a.root, root, "root");
        assertEq(a.issuedBy, alice, "issuedBy");
        assertEq(a.departmentId, DEPT, "departmentId");
        assertEq(a.validUntil, 0, "validUntil without default");

        assertEq(registry.batchIdOfRoot(root), b.batchA, "batchIdOfRoot");

        vm.expectRevert(
            abi.encodeWithSelector(ICertificateRegistry.CertificateRootAlreadyAnchored.selector, root, b.batchA)
        );
        vm.prank(bob);
        registry.anchorBatch(typeExpiring, root, uint32(b.shortCount), 0, 0, "ipfs://again");

        vm.prank(bob);
        b.batchB = registry.anchorBatch(typeExpiring, u.nodes[0], uint32(b.shortCount), 0, 0, "ipfs://batch-b");
        b.expiresB = _now() + uint48(DEFAULT_VALIDITY);
        assertEq(registry.batch(b.batchB).validUntil, b.expiresB, "validUntil from the type default");
        assertEq(registry.batch(b.batchB).firstStatusIndex, 0, "first entry of the other type");
    }

    /// @dev Item `k` of batch A is revoked or suspended: only its status and bit change, in its type's
    /// list only (batch B has the same indexes in the other type). A suspension is then lifted.
    function _changeOneItem(BatchCase memory b, Tree memory t, Tree memory u) private {
        ICertificateRegistry.StatusPurpose purpose = b.revoke
            ? ICertificateRegistry.StatusPurpose.Revocation
            : ICertificateRegistry.StatusPurpose.Suspension;
        ICertificateRegistry.Status changed = b.revoke
            ? ICertificateRegistry.Status.Revoked
            : ICertificateRegistry.Status.Suspended;
        vm.prank(bob);
        if (b.revoke) registry.revokeBatchItem(b.batchA, uint32(b.k), 5);
        else registry.suspendBatchItem(b.batchA, uint32(b.k), 5);

        _assertBatchStatuses(b.batchA, t, b.k, changed, b.n);
        _assertBatchStatuses(b.batchB, u, NONE, ICertificateRegistry.Status.Valid, b.shortCount);
        _assertOnlyBit(typeOpen, purpose, b.filler + b.k, b.filler + b.n);
        _assertOnlyBit(typeOpen, _other(purpose), NONE, b.filler + b.n);
        _assertOnlyBit(typeExpiring, ICertificateRegistry.StatusPurpose.Revocation, NONE, b.shortCount);
        _assertOnlyBit(typeExpiring, ICertificateRegistry.StatusPurpose.Suspension, NONE, b.shortCount);

        if (b.revoke) {
            bytes memory err = abi.encodeWithSelector(
                ICertificateRegistry.CertificateBatchItemRevoked.selector,
                b.batchA,
                uint32(b.k)
            );
            vm.expectRevert(err);
            vm.prank(alice);
            registry.suspendBatchItem(b.batchA, uint32(b.k), 1);
            vm.expectRevert(err);
            vm.prank(alice);
            registry.revokeBatchItem(b.batchA, uint32(b.k), 1);
        } else {
            vm.prank(alice);
            registry.reinstateBatchItem(b.batchA, uint32(b.k));
            _assertBatchStatuses(b.batchA, t, NONE, ICertificateRegistry.Status.Valid, b.n);
            _assertOnlyBit(typeOpen, purpose, NONE, b.filler + b.n);
        }
    }

    /// @dev Batch B's validity ends (half-open interval); batch A has none.
    function _expireBatchB(BatchCase memory b, Tree memory t, Tree memory u) private {
        vm.warp(b.expiresB - 1);
        _assertBatchStatuses(b.batchB, u, NONE, ICertificateRegistry.Status.Valid, b.shortCount);
        vm.warp(b.expiresB);
        _assertBatchStatuses(b.batchB, u, NONE, ICertificateRegistry.Status.Expired, b.shortCount);
        if (b.revoke) _assertBatchStatuses(b.batchA, t, b.k, ICertificateRegistry.Status.Revoked, b.n);
        else _assertBatchStatuses(b.batchA, t, NONE, ICertificateRegistry.Status.Valid, b.n);
    }

    /// @dev Leaf i with its own proof is Valid; leaf j's (index, digest, holder) with leaf i's proof,
    /// and leaf i with a mutated digest, holder or index or a truncated proof, are Unknown.
    function _checkProofs(uint256 batchId, Tree memory t, uint256 mutation) private view {
        uint256 n = t.digests.length;
        for (uint256 i = 0; i < n; ++i) {
            bytes32[] memory proof = t.proofs[i];
            _assertStatus(
                registry.verifyBatchItem(batchId, uint32(i), t.digests[i], t.holders[i], proof),
                ICertificateRegistry.Status.Valid,
                "own proof"
            );
            for (uint256 j = 0; j < n; ++j) {
                if (j == i) continue;
                _assertStatus(
                    registry.verifyBatchItem(batchId, uint32(j), t.digests[j], t.holders[j], proof),
                    ICertificateRegistry.Status.Unknown,
                    "another leaf's proof"
                );
            }
            bytes32 m = keccak256(abi.encode(mutation, i));
            uint32 otherIndex = uint32(i) ^ uint32(bound(mutation, 1, type(uint32).max));
            _assertUnknown(batchId, uint32(i), t.digests[i] ^ m, t.holders[i], proof, "mutated digest");
            _assertUnknown(batchId, uint32(i), t.digests[i], t.holders[i] ^ m, proof, "mutated holder");
            _assertUnknown(batchId, otherIndex, t.digests[i], t.holders[i], proof, "mutated index");
            _assertUnknown(batchId, uint32(i), t.holders[i], t.digests[i], proof, "digest and holder swapped");
            if (proof.length != 0) {
                bytes32[] memory truncated = new bytes32[](proof.length - 1);
                for (uint256 p = 0; p < truncated.length; ++p) truncated[p] = proof[p];
                _assertUnknown(batchId, uint32(i), t.digests[i], t.holders[i], truncated, "truncated proof");
            }
        }
    }

    /// @dev Every leaf of `t` with its own proof: `atK` for leaf `k` (for every leaf if `k` is NONE),
    /// Valid for the other leaves below `count`, Unknown at or beyond `count`.
    function _assertBatchStatuses(
        uint256 batchId,
        Tree memory t,
        uint256 k,
        ICertificateRegistry.Status atK,
        uint256 count
    ) private view {
        ICertificateRegistry.Status others = k == NONE ? atK : ICertificateRegistry.Status.Valid;
        for (uint256 i = 0; i < t.digests.length; ++i) {
            ICertificateRegistry.Status expected = i >= count
                ? ICertificateRegistry.Status.Unknown
                : (i == k ? atK : others);
            _assertStatus(
                registry.verifyBatchItem(batchId, uint32(i), t.digests[i], t.holders[i], t.proofs[i]),
                expected,
                "batch item status"
            );
        }
    }

    /// @dev OpenZeppelin StandardMerkleTree layout (leaves not sorted, which proofs do not depend on):
    /// nodes[0] is the root, node q has children 2q+1 and 2q+2, leaf i is nodes[len - 1 - i].
    function _buildTree(uint256 n, bytes32 seed, uint256 dupMask) private pure returns (Tree memory t) {
        t.digests = new bytes32[](n);
        t.holders = new bytes32[](n);
        t.nodes = new bytes32[](2 * n - 1);
        t.proofs = new bytes32[][](n);
        for (uint256 i = 0; i < n; ++i) {
            bool dupDigest = i > 0 && (dupMask >> i) & 1 == 1;
            bool dupHolder = i > 0 && (dupMask >> (i + MAX_LEAVES)) & 1 == 1;
            t.digests[i] = dupDigest ? t.digests[i - 1] : keccak256(abi.encode(seed, i, "digest"));
            t.holders[i] = dupHolder ? t.holders[i - 1] : keccak256(abi.encode(seed, i, "holder"));
            t.nodes[t.nodes.length - 1 - i] = _leaf(uint32(i), t.digests[i], t.holders[i]);
        }
        for (uint256 p = n - 1; p > 0; --p) {
            t.nodes[p - 1] = Hashes.commutativeKeccak256(t.nodes[2 * p - 1], t.nodes[2 * p]);
        }
        for (uint256 i = 0; i < n; ++i) {
            uint256 j = t.nodes.length - 1 - i;
            uint256 depth = 0;
            for (uint256 q = j; q > 0; q = (q - 1) / 2) ++depth;
            bytes32[] memory proof = new bytes32[](depth);
            for (uint256 d = 0; j > 0; ++d) {
                proof[d] = t.nodes[j % 2 == 1 ? j + 1 : j - 1];
                j = (j - 1) / 2;
            }
            t.proofs[i] = proof;
        }
    }

    function _leaf(uint32 index, bytes32 digest, bytes32 holder) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, digest, holder))));
    }

    function _assertUnknown(
        uint256 batchId,
        uint32 index,
        bytes32 digest,
        bytes32 holder,
        bytes32[] memory proof,
        string memory message
    ) private view {
        _assertStatus(
            registry.verifyBatchItem(batchId, index, digest, holder, proof),
            ICertificateRegistry.Status.Unknown,
            message
        );
    }

    // =================================================================================================
    // 3. Status lists: a batch revocation sets exactly its range
    // =================================================================================================

    /// @notice A few single certificates and a filler batch put the target batch's first entry at a
    /// fuzzed offset (0 to 304, usually mid-word); the target has 1 to 600 entries and a trailing batch
    /// follows it. Optionally the entries just before and just after the target are revoked first.
    /// After `revokeBatch`, the revocation list must hold exactly the bits [first, first + count) plus
    /// those neighbours, checked bit by bit; the suspension list stays empty.
    function testFuzz_statusBits_setRangeMatchesSingleSets(
        uint256 singles,
        uint256 offset,
        uint256 count,
        uint256 trailing,
        bool markNeighbours
    ) public {
        RangeCase memory r;
        r.singles = bound(singles, 0, 4);
        r.offset = bound(offset, 0, 300);
        r.count = bound(count, 1, 600);
        r.trailing = bound(trailing, 1, 300);
        r.first = r.singles + r.offset;
        r.total = r.first + r.count + r.trailing;
        r.markBefore = markNeighbours && r.first != 0;
        r.markAfter = markNeighbours;
        _anchorRange(r);

        if (r.markBefore) {
            vm.prank(bob);
            if (r.offset != 0) registry.revokeBatchItem(r.fillerBatch, uint32(r.offset - 1), 1);
            else registry.revoke(keccak256(abi.encode("single", r.singles - 1)), 1);
        }
        if (r.markAfter) {
            vm.prank(bob);
            registry.revokeBatchItem(r.trailingBatch, 0, 1);
        }

        vm.prank(bob);
        registry.revokeBatch(r.batchId, 9);
        assertTrue(registry.batch(r.batchId).revoked, "batch revoked");
        _assertRangeBits(r);

        bytes memory err = abi.encodeWithSelector(ICertificateRegistry.CertificateBatchRevoked.selector, r.batchId);
        vm.expectRevert(err);
        vm.prank(bob);
        registry.revokeBatch(r.batchId, 9);
        vm.expectRevert(err);
        vm.prank(bob);
        registry.suspendBatchItem(r.batchId, 0, 9);
    }

    /// @dev `singles` certificates, a filler batch of `offset`, the target batch of `count` and a
    /// trailing batch of `trailing` entries, all of `typeOpen`.
    function _anchorRange(RangeCase memory r) private {
        for (uint256 i = 0; i < r.singles; ++i) {
            vm.prank(alice);
            registry.issue(typeOpen, keccak256(abi.encode("single", i)), keccak256("holder"), 0, 0, "");
        }
        if (r.offset != 0) {
            vm.prank(alice);
            r.fillerBatch = registry.anchorBatch(typeOpen, keccak256("filler"), uint32(r.offset), 0, 0, "");
        }
        vm.prank(alice);
        r.batchId = registry.anchorBatch(typeOpen, keccak256("target"), uint32(r.count), 0, 0, "");
        vm.prank(alice);
        r.trailingBatch = registry.anchorBatch(typeOpen, keccak256("trailing"), uint32(r.trailing), 0, 0, "");
        assertEq(registry.batch(r.batchId).firstStatusIndex, r.first, "firstStatusIndex");
        assertEq(registry.certificateType(typeOpen).statusEntries, r.total, "statusEntries");
    }

    /// @dev Bit by bit, MSB-first, over every word that holds an entry and the word after.
    function _assertRangeBits(RangeCase memory r) private view {
        uint256 wordCount = r.total / 256 + 1;
        uint256[] memory revocation = registry.statusWords(
            typeOpen,
            ICertificateRegistry.StatusPurpose.Revocation,
            0,
            wordCount
        );
        uint256[] memory suspension = registry.statusWords(
            typeOpen,
            ICertificateRegistry.StatusPurpose.Suspension,
            0,
            wordCount
        );
        for (uint256 i = 0; i < wordCount * 256; ++i) {
            bool expected = (i >= r.first && i < r.first + r.count) ||
                (r.markBefore && i == r.first - 1) ||
                (r.markAfter && i == r.first + r.count);
            bool actual = (revocation[i / 256] >> (255 - (i % 256))) & 1 == 1;
            if (actual != expected) {
                fail(string.concat("revocation bit ", Strings.toString(i), expected ? " clear" : " set"));
            }
        }
        for (uint256 w = 0; w < wordCount; ++w) assertEq(suspension[w], 0, "suspension word");
    }

    /// @notice The library on its own, at batch sizes up to MAX_BATCH_SIZE and offsets up to 2^20 (so
    /// ranges cross the 65,536-entry groups of the second level): after `setRange`, with optional single
    /// bits set just outside, every word around the range read through `words` (both levels merged) is
    /// exactly the model's, and `isSet` agrees at both edges and just outside them.
    function testFuzz_statusBits_twoLevelRangeMatchesModel(uint256 from, uint256 count, bool markNeighbours) public {
        from = bound(from, 0, 1 << 20);
        count = bound(count, 1, registry.MAX_BATCH_SIZE());
        uint256 end = from + count;
        bool markBefore = markNeighbours && from != 0;
        if (markBefore) _listBits.set(from - 1);
        if (markNeighbours) _listBits.set(end);

        _listBits.setRange(_listWholeWords, from, count);

        uint256 firstWord = from >> 8 == 0 ? 0 : (from >> 8) - 1;
        uint256 wordCount = (end >> 8) + 2 - firstWord;
        uint256[] memory words = _listBits.words(_listWholeWords, firstWord, wordCount);
        for (uint256 k = 0; k < wordCount; ++k) {
            uint256 w = firstWord + k;
            uint256 expected = _rangeMask(w, from, end);
            if (markBefore && (from - 1) >> 8 == w) expected |= uint256(1) << (255 - ((from - 1) & 0xff));
            if (markNeighbours && end >> 8 == w) expected |= uint256(1) << (255 - (end & 0xff));
            if (words[k] != expected) fail(string.concat("status word ", Strings.toString(w)));
        }
        assertTrue(_listBits.isSet(_listWholeWords, from), "first entry");
        assertTrue(_listBits.isSet(_listWholeWords, end - 1), "last entry");
        assertEq(_listBits.isSet(_listWholeWords, end), markNeighbours, "entry after");
        if (from != 0) assertEq(_listBits.isSet(_listWholeWords, from - 1), markBefore, "entry before");
    }

    /// @dev The bits of [from, end) that fall in word `w`, most significant first.
    function _rangeMask(uint256 w, uint256 from, uint256 end) private pure returns (uint256) {
        uint256 lo = w << 8;
        uint256 hi = lo + 256;
        if (end <= lo || from >= hi) return 0;
        uint256 start = from > lo ? from - lo : 0;
        uint256 stop = end < hi ? end - lo : 256;
        uint256 width = stop - start;
        return width == 256 ? type(uint256).max : ((uint256(1) << width) - 1) << (256 - stop);
    }

    // =================================================================================================
    // Unit and small fuzz tests
    // =================================================================================================

    /// @notice validUntil, when given, must be after validFrom (after now when validFrom is 0).
    function testFuzz_issue_rejectsValidUntilNotAfterValidFrom(uint48 validFrom, uint48 validUntil) public {
        uint48 effectiveFrom = validFrom == 0 ? _now() : validFrom;
        validUntil = uint48(bound(validUntil, 1, effectiveFrom));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICertificateRegistry.CertificateInvalidValidity.selector,
                effectiveFrom,
                validUntil
            )
        );
        vm.prank(alice);
        registry.issue(typeOpen, keccak256("digest"), keccak256("holder"), validFrom, validUntil, "");
    }

    /// @notice Only officials of the issuing department change a certificate's status.
    function test_suspend_revertsForOtherDepartment() public {
        bytes32 digest = keccak256("digest");
        vm.prank(alice);
        registry.issue(typeOpen, digest, keccak256("holder"), 0, 0, "");
        bytes memory err = abi.encodeWithSelector(
            ICertificateRegistry.CertificateNotIssuingDepartment.selector,
            DEPT,
            carol
        );
        vm.expectRevert(err);
        vm.prank(carol);
        registry.suspend(digest, 1);
        vm.expectRevert(err);
        vm.prank(carol);
        registry.revoke(digest, 1);
        _assertStatus(registry.verify(digest).status, ICertificateRegistry.Status.Valid, "status");
    }

    /// @notice An unknown digest verifies as Unknown with an empty record.
    /// @notice Issuer rights of departments 1 to 128 live in the type's bitmap, later ones in a mapping:
    /// both sides of the boundary grant, revoke and gate issuing alike.
    function test_setTypeIssuer_bitmapAndMappingAgreeAcrossDepartment128() public {
        for (uint256 i = 3; i <= 130; ++i) {
            string memory code = string.concat("D", Strings.toString(i));
            directory.registerDepartment(code, "", code, "");
        }
        uint32[] memory issuers = new uint32[](2);
        (issuers[0], issuers[1]) = (128, 129);
        uint32 typeId = registry.registerType("EDGE", "Boundary type", issuers, 0, false, false);
        for (uint32 d = 126; d <= 130; ++d) {
            assertEq(registry.canIssue(typeId, d), d == 128 || d == 129, "canIssue after registerType");
        }
        assertFalse(registry.canIssue(typeId, 0), "department 0 never issues");

        registry.setTypeIssuer(typeId, 128, false);
        registry.setTypeIssuer(typeId, 130, true);
        vm.expectRevert(abi.encodeWithSelector(ICertificateRegistry.CertificateTypeIssuerUnchanged.selector, typeId, uint32(130), true));
        registry.setTypeIssuer(typeId, 130, true);
        for (uint32 d = 127; d <= 130; ++d) {
            assertEq(registry.canIssue(typeId, d), d >= 129, "canIssue after setTypeIssuer");
        }

        address[3] memory officials;
        for (uint32 d = 128; d <= 130; ++d) {
            address deptHead = makeAddr(string.concat("head ", Strings.toString(d)));
            officials[d - 128] = makeAddr(string.concat("official ", Strings.toString(d)));
            manager.grantRole(DepartmentRoles.headRole(d), deptHead, 0);
            vm.prank(deptHead);
            manager.grantRole(DepartmentRoles.officialRole(d), officials[d - 128], 0);
        }
        vm.prank(officials[0]);
        vm.expectRevert(abi.encodeWithSelector(ICertificateRegistry.CertificateDepartmentNotIssuer.selector, typeId, uint32(128)));
        registry.issue(typeId, keccak256("edge 128"), keccak256("holder"), 0, 0, "");
        for (uint256 k = 1; k < 3; ++k) {
            bytes32 digest = keccak256(abi.encode("edge", k));
            vm.prank(officials[k]);
            registry.issue(typeId, digest, keccak256("holder"), 0, 0, "");
            assertEq(registry.verify(digest).departmentId, 128 + k, "issued by the department");
        }
    }

    function test_verify_unknownDigest() public view {
        ICertificateRegistry.Verification memory v = registry.verify(keccak256("never issued"));
        _assertStatus(v.status, ICertificateRegistry.Status.Unknown, "status");
        assertEq(v.typeId, 0, "typeId");
        assertEq(v.departmentId, 0, "departmentId");
        assertEq(v.issuedAt, 0, "issuedAt");
        assertEq(v.holderCommitment, bytes32(0), "holderCommitment");
    }

    /// @notice An official who issues and is removed in the same second (same block) has an empty
    /// appointment interval [t, t) in the directory, so a point-in-time lookup would say she never
    /// served. The registry does not ask: the issue itself required her to be an acting official, so
    /// the certificate stays as issued, Valid, and its CertificateIssued event names her.
    function test_verify_issuerRemovedInSameSecondKeepsTheCertificate() public {
        vm.warp(START + 11);
        bytes32 digest = keccak256("digest");
        vm.expectEmit(true, true, true, true, address(registry));
        emit ICertificateRegistry.CertificateIssued(digest, typeOpen, DEPT, alice, keccak256("holder"), _now(), 0, 0, "");
        vm.prank(alice);
        registry.issue(typeOpen, digest, keccak256("holder"), 0, 0, "");
        vm.prank(head);
        manager.revokeRole(DepartmentRoles.officialRole(DEPT), alice);

        assertFalse(directory.wasOfficialAt(DEPT, alice, _now()), "empty interval in the directory");
        ICertificateRegistry.Verification memory v = registry.verify(digest);
        _assertStatus(v.status, ICertificateRegistry.Status.Valid, "status");
        assertEq(v.departmentId, DEPT, "departmentId");
        assertEq(v.issuedAt, _now(), "issuedAt");
    }

    // =================================================================================================
    // Helpers
    // =================================================================================================

    /// @dev What the Registries Ignition module does (lib/access.ts): the officials' entry points are open
    /// to everyone in the manager (each is still `restricted`, so closing the registry pauses it), and the
    /// registry checks the caller's department itself.
    function _openToPublic() private {
        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = ICertificateRegistry.issue.selector;
        selectors[1] = ICertificateRegistry.anchorBatch.selector;
        selectors[2] = ICertificateRegistry.suspend.selector;
        selectors[3] = ICertificateRegistry.reinstate.selector;
        selectors[4] = ICertificateRegistry.revoke.selector;
        selectors[5] = ICertificateRegistry.supersede.selector;
        selectors[6] = ICertificateRegistry.suspendBatchItem.selector;
        selectors[7] = ICertificateRegistry.reinstateBatchItem.selector;
        selectors[8] = ICertificateRegistry.revokeBatchItem.selector;
        selectors[9] = ICertificateRegistry.revokeBatch.selector;
        manager.setTargetFunctionRole(address(registry), selectors, manager.PUBLIC_ROLE());
    }

    function _now() private view returns (uint48) {
        return uint48(block.timestamp);
    }

    function _word(
        uint32 typeId,
        ICertificateRegistry.StatusPurpose purpose,
        uint256 wordIndex
    ) private view returns (uint256) {
        return registry.statusWords(typeId, purpose, wordIndex, 1)[0];
    }

    /// @dev Bit `index` of a status list, MSB-first.
    function _bit(
        uint32 typeId,
        ICertificateRegistry.StatusPurpose purpose,
        uint256 index
    ) private view returns (bool) {
        return (_word(typeId, purpose, index / 256) >> (255 - (index % 256))) & 1 == 1;
    }

    /// @dev Of the first `entries` bits of a list (and the rest of their last word), only `index` is
    /// set (none if `index` is NONE).
    function _assertOnlyBit(
        uint32 typeId,
        ICertificateRegistry.StatusPurpose purpose,
        uint256 index,
        uint256 entries
    ) private view {
        uint256 wordCount = entries / 256 + 1;
        uint256[] memory words = registry.statusWords(typeId, purpose, 0, wordCount);
        for (uint256 w = 0; w < wordCount; ++w) {
            uint256 expected = index / 256 == w ? uint256(1) << (255 - (index % 256)) : 0;
            assertEq(words[w], expected, "status word");
        }
    }

    function _other(ICertificateRegistry.StatusPurpose p) private pure returns (ICertificateRegistry.StatusPurpose) {
        return
            p == ICertificateRegistry.StatusPurpose.Revocation
                ? ICertificateRegistry.StatusPurpose.Suspension
                : ICertificateRegistry.StatusPurpose.Revocation;
    }

    function _assertStatus(
        ICertificateRegistry.Status actual,
        ICertificateRegistry.Status expected,
        string memory message
    ) private pure {
        assertEq(uint256(uint8(actual)), uint256(uint8(expected)), message);
    }
}
