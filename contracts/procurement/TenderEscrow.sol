// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {DepartmentScoped} from "../authority/DepartmentScoped.sol";
import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {ILicenseRegistry} from "../interfaces/ILicenseRegistry.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {PackedBid, PackedBidLib} from "../libraries/PackedBid.sol";
import {Pagination} from "../libraries/Pagination.sol";

/// @title TenderEscrow
/// @notice Procurement with an escrowed budget, sealed bids with bonds, award by rule, complaints,
/// milestone payments and refunds. Accounting: every token the escrow holds is either held for a live
/// tender (budget not yet paid or refunded, bonds) or a credit someone can withdraw. `_owed` is their
/// sum: it grows only when tokens come in (`publish`, `depositBond`) and shrinks only when they go out
/// (`withdraw`), so moving value between a tender and a credit (a bond on commit, a refund, a payment)
/// costs no write to it.
/// @dev Gas: a commit writes one fresh slot (the packed bid) and rewrites the tender's first slot and the
/// bidder's credit; no token moves and no list grows. Lists of bidders live in events and come back as
/// calldata, checked against the tender's counters.
///
/// Every state-changing entry point is `restricted` (mapped to the public role at deployment, see
/// lib/access.ts) so that the guardian can pause the escrow in the access manager, except `withdraw`:
/// a pause never locks anyone's money.
///
/// Department money: the budget comes from the procuring department's treasury (directory), recorded in
/// the tender, and every refund, leftover and forfeited bond of the tender is credited to that same
/// treasury. The funding treasury, rather than whichever is current when a refund happens: the money
/// goes back to the account it left (one reconciliation per account), a later change of treasury cannot
/// redirect money already committed to a tender, and no refund path depends on a directory call.
contract TenderEscrow is DepartmentScoped, ReentrancyGuardTransient, ITenderEscrow {
    using SafeERC20 for IERC20;

    uint256 private constant _BPS = 10_000;
    uint256 private constant _MAX_MILESTONES = 20;
    uint256 private constant _MAX_BIDDERS = 64;
    /// @dev Adds one to the sequence part of `Tender.bids`.
    uint40 private constant _NEXT_SEQUENCE = 1 << 8;
    /// @dev The largest `Tender.bids` that can take one more commitment (sequence below 2^32 - 1).
    uint40 private constant _LAST_COUNTERS = type(uint40).max - (1 << 8);
    uint256 private constant _MAX_PAGE = 200;
    uint256 private constant _MAX_BUDGET = type(uint128).max;
    uint256 private constant _MAX_BOND = type(uint112).max;
    /// @dev Bound on every duration a tender sets (commit phase, reveal phase, complaint window): with
    /// timestamps far below 2^47, no deadline sum can overflow uint48.
    uint48 private constant _MAX_PERIOD = 365 days;
    uint48 private constant _MIN_RESOLUTION_PERIOD = 1 days;
    uint48 private constant _MAX_RESOLUTION_PERIOD = 365 days;
    uint16 private constant _MAX_AMENDMENTS = type(uint16).max;

    bytes32 private constant _BUDGET_REFUND = "budget refund";
    bytes32 private constant _BOND_REFUND = "bond refund";
    bytes32 private constant _BOND_FORFEIT = "bond forfeited";
    bytes32 private constant _PERFORMANCE_BOND = "performance bond";
    bytes32 private constant _PAYMENT = "milestone payment";

    /// @dev Slot 0 holds everything a commit reads and writes, bond included (so a commit reads one
    /// tender slot); slot 1 what a reveal adds. The fields an award writes share slots already in use, and
    /// amounts are paired by use.
    struct Tender {
        // slot 0
        TenderState state;
        uint48 commitDeadline;
        uint32 licenseTypeId;
        uint16 amendments;
        // Live bids in the low 8 bits (at most 64), commitments made so far (the last sequence number)
        // above: one counter, so that a commit writes the tender once.
        uint40 bids;
        uint112 bidBond;
        // slot 1: the rest of what a reveal reads
        address treasury;
        uint48 revealDeadline;
        uint8 revealedCount;
        uint8 milestoneCount;
        uint8 acceptedCount;
        bool terminationByDepartment;
        bool terminationBySupplier;
        // slot 2
        address winner;
        uint32 department;
        uint32 acceptingDepartment;
        // slot 3
        uint128 budget;
        uint48 complaintWindow;
        uint48 awardedAt;
        // slots 4 and 5
        uint128 price;
        uint128 performanceBond;
        uint128 escrow;
        uint128 paid;
        bytes32 documentsDigest;
        bytes32 category;
    }

    /// @dev A milestone as stored: state and payment share the first slot.
    struct MilestoneRecord {
        uint16 shareBps;
        MilestoneState state;
        uint128 paid;
        bytes32 descriptionDigest;
        bytes32 deliveryDigest;
    }

    IERC20 private immutable _token;
    ILicenseRegistry private immutable _licenses;
    // One slot: both are read when a complaint is filed.
    uint32 private _supervisingDepartment;
    uint48 private _complaintResolutionPeriod;

    uint256 private _tenderCount;
    mapping(uint256 tenderId => Tender) private _tenders;
    mapping(uint256 tenderId => MilestoneRecord[]) private _milestones;
    mapping(uint256 tenderId => mapping(address bidder => PackedBid)) private _bids;
    mapping(uint256 tenderId => Complaint[]) private _complaints;
    mapping(uint32 departmentId => uint256[]) private _tendersOf;

    mapping(address account => uint256) private _credits;
    uint256 private _owed;

    constructor(
        address manager,
        IDepartmentDirectory directory,
        ILicenseRegistry licenses,
        IERC20 token,
        uint32 supervisingDepartment_,
        uint48 complaintResolutionPeriod_
    ) DepartmentScoped(manager, directory) {
        _licenses = licenses;
        _token = token;
        _supervisingDepartment = supervisingDepartment_;
        emit SupervisingDepartmentSet(supervisingDepartment_);
        _setComplaintResolutionPeriod(complaintResolutionPeriod_);
    }

    // ===== PUBLICATION =====

    /// @inheritdoc ITenderEscrow
    function publish(PublishParams calldata p) external restricted nonReentrant returns (uint256 tenderId) {
        uint32 department = _actingDepartment();
        if (department == 0) revert TenderNotOfficial(msg.sender);
        // The supervising department decides complaints: it cannot be the procuring department.
        if (department == _supervisingDepartment) revert TenderSupervisorIsProcurer(department);
        address treasury = _directory.treasuryOf(department);
        if (treasury == address(0)) revert TenderNoTreasury(department);
        _validate(p);

        tenderId = ++_tenderCount;
        Tender storage t = _tenders[tenderId];
        t.department = department;
        t.acceptingDepartment = p.acceptingDepartment;
        t.licenseTypeId = p.licenseTypeId;
        t.state = TenderState.Open;
        t.commitDeadline = p.commitDeadline;
        t.revealDeadline = p.revealDeadline;
        t.complaintWindow = p.complaintWindow;
        t.treasury = treasury;
        t.milestoneCount = uint8(p.milestoneSharesBps.length);
        // Both checked against their maximum by _validate.
        t.budget = uint128(p.budget);
        t.bidBond = uint112(p.bidBond);
        t.escrow = uint128(p.budget);
        t.documentsDigest = p.documentsDigest;
        t.category = p.category;
        MilestoneRecord[] storage ms = _milestones[tenderId];
        for (uint256 i = 0; i < p.milestoneSharesBps.length; ++i) {
            ms.push(
                MilestoneRecord({
                    shareBps: p.milestoneSharesBps[i],
                    state: MilestoneState.Pending,
                    paid: 0,
                    descriptionDigest: p.milestoneDigests[i],
                    deliveryDigest: bytes32(0)
                })
            );
        }
        _tendersOf[department].push(tenderId);
        _owed += p.budget;
        emit TenderPublished(tenderId, department, treasury, msg.sender, p);
        _pull(treasury, p.budget);
    }

    /// @inheritdoc ITenderEscrow
    function amend(
        uint256 tenderId,
        bytes32 documentsDigest,
        uint48 commitDeadline,
        uint48 revealDeadline
    ) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Open);
        _requireActsFor(tenderId, t.department);
        if (Time.timestamp() >= t.commitDeadline) revert TenderCommitClosed(tenderId, t.commitDeadline);
        // Deadlines may only move later: a bidder who planned on them is never cut short.
        if (commitDeadline < t.commitDeadline || revealDeadline <= commitDeadline || revealDeadline < t.revealDeadline) {
            revert TenderInvalidSchedule(commitDeadline, revealDeadline, t.complaintWindow);
        }
        _checkPeriods(commitDeadline, revealDeadline);
        if (t.amendments == _MAX_AMENDMENTS) revert TenderTooManyAmendments(tenderId, _MAX_AMENDMENTS);
        t.documentsDigest = documentsDigest;
        t.commitDeadline = commitDeadline;
        t.revealDeadline = revealDeadline;
        uint16 amendment = ++t.amendments;
        emit TenderAmended(tenderId, amendment, documentsDigest, commitDeadline, revealDeadline, msg.sender);
    }

    // ===== BONDS AND BIDS =====

    /// @inheritdoc ITenderEscrow
    function depositBond(uint256 amount) external restricted nonReentrant {
        if (amount == 0) revert TenderZeroDeposit();
        // Bounded so that no sum of credits can overflow before the token itself would refuse.
        if (amount > _MAX_BUDGET) revert TenderAmountTooLarge(amount, _MAX_BUDGET);
        _credits[msg.sender] += amount;
        _owed += amount;
        emit BondDeposited(msg.sender, amount);
        _pull(msg.sender, amount);
    }

    /// @inheritdoc ITenderEscrow
    function commitBid(uint256 tenderId, bytes32 commitment) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Open);
        if (Time.timestamp() >= t.commitDeadline) revert TenderCommitClosed(tenderId, t.commitDeadline);
        if (commitment == bytes32(0)) revert TenderZeroCommitment();
        if (!_licenses.hasValidLicense(msg.sender, t.licenseTypeId)) revert TenderNotLicensed(msg.sender, t.licenseTypeId);
        mapping(address bidder => PackedBid) storage bids = _bids[tenderId];
        bool replaced = bids[msg.sender].sequence() != 0;
        uint40 counters = t.bids;
        // Some 4 billion commitments in one tender: out of reach, but never a panic.
        if (counters > _LAST_COUNTERS) revert TenderTooManyCommitments(tenderId);
        unchecked {
            // Checked just above: the sequence part stays below 2^32.
            counters += _NEXT_SEQUENCE;
        }
        if (!replaced) {
            // withdrawBid decrements the count, so withdrawn bids do not count towards the cap.
            if (uint8(counters) >= _MAX_BIDDERS) revert TenderTooManyBidders(tenderId, _MAX_BIDDERS);
            unchecked {
                // The live count is below 64: the increment stays in the low 8 bits.
                ++counters;
            }
            uint256 bond = t.bidBond;
            if (bond != 0) _takeCredit(msg.sender, bond);
        }
        t.bids = counters;
        uint32 sequence = uint32(counters >> 8);
        bids[msg.sender] = PackedBidLib.seal(commitment, sequence, t.amendments);
        emit BidCommitted(tenderId, msg.sender, commitment, sequence, replaced);
    }

    /// @inheritdoc ITenderEscrow
    function withdrawBid(uint256 tenderId) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Open);
        if (Time.timestamp() >= t.commitDeadline) revert TenderCommitClosed(tenderId, t.commitDeadline);
        PackedBid b = _bids[tenderId][msg.sender];
        if (b.sequence() == 0) revert TenderNoBid(tenderId, msg.sender);
        if (b.amendmentsSeen() == t.amendments) revert TenderNoAmendmentSinceBid(tenderId, msg.sender);
        // Kept as a marker (no live bid): the account has bid in this tender, for the conflict checks.
        _bids[tenderId][msg.sender] = PackedBidLib.withdrawnBid();
        // The bid exists, so the live count (low bits) is at least 1.
        --t.bids;
        emit BidWithdrawn(tenderId, msg.sender);
        _release(msg.sender, tenderId, t.bidBond, _BOND_REFUND);
    }

    /// @inheritdoc ITenderEscrow
    function revealBid(uint256 tenderId, uint256 price, bytes32 salt) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Open);
        uint48 now_ = Time.timestamp();
        if (now_ < t.commitDeadline) revert TenderRevealNotOpen(tenderId, t.commitDeadline);
        if (now_ >= t.revealDeadline) revert TenderRevealClosed(tenderId, t.revealDeadline);
        PackedBid b = _bids[tenderId][msg.sender];
        if (b.sequence() == 0) revert TenderNoBid(tenderId, msg.sender);
        if (b.revealed()) revert TenderAlreadyRevealed(tenderId, msg.sender);
        if (!b.sealedBy(commitmentOf(tenderId, msg.sender, price, salt))) {
            revert TenderCommitmentMismatch(tenderId, msg.sender);
        }
        _bids[tenderId][msg.sender] = b.reveal(price);
        ++t.revealedCount;
        emit BidRevealed(tenderId, msg.sender, price);
    }

    // ===== AWARD AND COMPLAINTS =====

    /// @inheritdoc ITenderEscrow
    function award(uint256 tenderId, address[] calldata ranked) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Open);
        if (Time.timestamp() < t.revealDeadline) revert TenderRevealNotOver(tenderId, t.revealDeadline);
        (address winner, uint256 price) = _pick(tenderId, t, ranked, true);
        _forfeitUnrevealed(tenderId, t, uint8(t.bids) - t.revealedCount);
        if (winner == address(0)) {
            _fail(tenderId, t);
        } else {
            // The winner's bid bond, held since its commit, becomes the performance bond.
            uint256 bond = t.bidBond;
            t.performanceBond = uint128(bond);
            _setWinner(tenderId, t, winner, price);
        }
    }

    /// @inheritdoc ITenderEscrow
    function complain(uint256 tenderId, bytes32 digest) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Awarded);
        uint48 now_ = Time.timestamp();
        // Both terms are bounded by 2^47 (timestamps) and 365 days (_validate): no overflow.
        uint48 deadline = t.awardedAt + t.complaintWindow;
        if (now_ >= deadline) revert TenderComplaintWindowClosed(tenderId, deadline);
        // A complaint nobody can decide would only freeze the tender: refuse it.
        uint32 supervisor = _supervisingDepartment;
        if (supervisor == 0) revert TenderNoSupervisor(tenderId);
        if (supervisor == t.department) revert TenderSupervisorIsProcurer(supervisor);
        if (msg.sender == t.winner) revert TenderWinnerCannotComplain(tenderId, msg.sender);
        mapping(address bidder => PackedBid) storage bids = _bids[tenderId];
        PackedBid b = bids[msg.sender];
        if (b.sequence() == 0) revert TenderNoBid(tenderId, msg.sender);
        if (b.complained()) revert TenderAlreadyComplained(tenderId, msg.sender);
        bids[msg.sender] = b.markComplained();
        t.state = TenderState.Disputed;
        uint48 resolveBy = now_ + _complaintResolutionPeriod;
        Complaint[] storage cs = _complaints[tenderId];
        cs.push(
            Complaint({
                by: msg.sender,
                filedAt: now_,
                resolveBy: resolveBy,
                outcome: ComplaintOutcome.Pending,
                digest: digest,
                resolutionDigest: bytes32(0)
            })
        );
        emit ComplaintFiled(tenderId, cs.length - 1, msg.sender, digest, resolveBy);
    }

    /// @inheritdoc ITenderEscrow
    function resolveComplaint(
        uint256 tenderId,
        bool upheld,
        bytes32 resolutionDigest,
        address[] calldata ranked
    ) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Disputed);
        _requireImpartialSupervisor(tenderId, t);
        if (!upheld && ranked.length != 0) revert TenderRankingOnDismissal(tenderId, ranked.length);
        (Complaint storage c, uint256 complaintId) = _openComplaint(tenderId);
        if (Time.timestamp() >= c.resolveBy) revert TenderComplaintLapsed(tenderId, complaintId, c.resolveBy);
        c.outcome = upheld ? ComplaintOutcome.Upheld : ComplaintOutcome.Dismissed;
        c.resolutionDigest = resolutionDigest;
        emit ComplaintResolved(tenderId, complaintId, upheld, msg.sender, resolutionDigest);
        if (!upheld) {
            t.state = TenderState.Awarded;
            return;
        }
        // Upheld: the award is cancelled. The supplier is not at fault for the procedure, so the
        // performance bond goes back to them; the next valid bid wins, or the tender fails.
        address previous = t.winner;
        _bids[tenderId][previous] = _bids[tenderId][previous].disqualify();
        uint256 performanceBond = t.performanceBond;
        t.performanceBond = 0;
        t.winner = address(0);
        t.price = 0;
        // Termination consent was given for the cancelled award: the next winner starts afresh.
        t.terminationBySupplier = false;
        t.terminationByDepartment = false;
        _release(previous, tenderId, performanceBond, _PERFORMANCE_BOND);
        // Losers' bonds were settled at the award: the ranking picks the next winner, who posts its
        // performance bond from its credit (a bidder who cannot is passed over).
        (address next, uint256 price) = _pick(tenderId, t, ranked, false);
        if (next == address(0)) {
            _fail(tenderId, t);
        } else {
            // _pick moved the bond from the new winner's credit (_postsBond).
            t.performanceBond = t.bidBond;
            _setWinner(tenderId, t, next, price);
        }
    }

    /// @inheritdoc ITenderEscrow
    function lapseComplaint(uint256 tenderId) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Disputed);
        (Complaint storage c, uint256 complaintId) = _openComplaint(tenderId);
        uint48 resolveBy = c.resolveBy;
        if (Time.timestamp() < resolveBy) revert TenderComplaintNotLapsed(tenderId, complaintId, resolveBy);
        c.outcome = ComplaintOutcome.Lapsed;
        t.state = TenderState.Awarded;
        emit ComplaintLapsed(tenderId, complaintId, resolveBy);
    }

    // ===== CONTRACT AND MILESTONES =====

    /// @inheritdoc ITenderEscrow
    function startContract(uint256 tenderId) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Awarded);
        _start(tenderId, t);
    }

    /// @inheritdoc ITenderEscrow
    function deliverMilestone(uint256 tenderId, uint8 milestone, bytes32 deliveryDigest) external restricted {
        Tender storage t = _activeContract(tenderId);
        if (msg.sender != t.winner) revert TenderNotWinner(tenderId, msg.sender);
        MilestoneRecord storage m = _milestone(tenderId, t, milestone);
        if (m.state != MilestoneState.Pending) revert TenderWrongMilestoneState(tenderId, milestone, m.state);
        m.state = MilestoneState.Delivered;
        m.deliveryDigest = deliveryDigest;
        emit MilestoneDelivered(tenderId, milestone, deliveryDigest);
    }

    /// @inheritdoc ITenderEscrow
    function acceptMilestone(uint256 tenderId, uint8 milestone) external restricted {
        Tender storage t = _activeContract(tenderId);
        MilestoneRecord storage m = _reviewable(tenderId, t, milestone);
        m.state = MilestoneState.Accepted;
        uint8 accepted = ++t.acceptedCount;
        uint256 price = t.price;
        uint256 paid = t.paid;
        // The last acceptance pays whatever is left of the price, so rounding never strands a unit.
        // Amounts fit in 128 bits: none exceeds the price, itself at most the budget.
        uint256 amount = accepted == t.milestoneCount ? price - paid : (price * m.shareBps) / _BPS;
        m.paid = uint128(amount);
        t.paid = uint128(paid + amount);
        t.escrow -= uint128(amount);
        _credit(t.winner, tenderId, amount, _PAYMENT);
        emit MilestoneAccepted(tenderId, milestone, msg.sender, amount);
        if (accepted == t.milestoneCount) {
            t.state = TenderState.Completed;
            uint256 performanceBond = t.performanceBond;
            t.performanceBond = 0;
            _release(t.winner, tenderId, performanceBond, _PERFORMANCE_BOND);
            emit TenderCompleted(tenderId, t.paid);
        }
    }

    /// @inheritdoc ITenderEscrow
    function rejectMilestone(
        uint256 tenderId,
        uint8 milestone,
        uint16 reasonCode,
        bytes32 commentDigest
    ) external restricted {
        Tender storage t = _activeContract(tenderId);
        MilestoneRecord storage m = _reviewable(tenderId, t, milestone);
        m.state = MilestoneState.Pending;
        emit MilestoneRejected(tenderId, milestone, msg.sender, reasonCode, commentDigest);
    }

    // ===== CANCELLATION AND TERMINATION =====

    /// @inheritdoc ITenderEscrow
    function cancel(uint256 tenderId, uint16 reasonCode, address[] calldata bidders) external restricted {
        Tender storage t = _inState(tenderId, TenderState.Open);
        if (reasonCode == 0) revert TenderMissingReason(tenderId);
        uint48 now_ = Time.timestamp();
        // Before the commit deadline nobody has seen a price: the procuring department may withdraw its
        // tender and everyone is refunded. From then on, a cancellation could follow the prices, so only
        // the independent supervisor may cancel, once every bidder has had the whole reveal phase, and a
        // bid never revealed forfeits its bond as it would at award.
        bool sealedPrices = now_ < t.commitDeadline;
        if (sealedPrices) {
            _requireActsFor(tenderId, t.department);
        } else {
            _requireImpartialSupervisor(tenderId, t);
            if (now_ < t.revealDeadline) revert TenderCancelDuringReveal(tenderId, t.revealDeadline);
        }
        uint256 n = bidders.length;
        if (n != uint8(t.bids)) revert TenderBidListIncomplete(tenderId, n, uint8(t.bids));
        t.state = TenderState.Cancelled;
        emit TenderCancelled(tenderId, msg.sender, reasonCode);
        // Ascending addresses rule out duplicates; with the count, every live bid is settled once.
        uint256 bond = t.bidBond;
        mapping(address bidder => PackedBid) storage bids = _bids[tenderId];
        address previous;
        for (uint256 i = 0; i < n; ++i) {
            address bidder = bidders[i];
            if (i != 0 && bidder <= previous) {
                if (bidder == previous) revert TenderBidListDuplicate(tenderId, bidder);
                revert TenderBidListUnsorted(tenderId, i);
            }
            PackedBid b = bids[bidder];
            if (b.sequence() == 0) revert TenderNoBid(tenderId, bidder);
            previous = bidder;
            if (sealedPrices || b.revealed()) _release(bidder, tenderId, bond, _BOND_REFUND);
        }
        if (!sealedPrices) _forfeitUnrevealed(tenderId, t, n - t.revealedCount);
        _refundEscrow(tenderId, t);
    }

    /// @inheritdoc ITenderEscrow
    function proposeTermination(uint256 tenderId) external restricted {
        Tender storage t = _tender(tenderId);
        if (t.state != TenderState.Awarded && t.state != TenderState.Active) revert TenderWrongState(tenderId, t.state);
        if (msg.sender == t.winner) {
            if (t.terminationBySupplier) revert TenderTerminationAlreadyProposed(tenderId, msg.sender);
            t.terminationBySupplier = true;
        } else {
            _requireActsFor(tenderId, t.department);
            if (t.terminationByDepartment) revert TenderTerminationAlreadyProposed(tenderId, msg.sender);
            t.terminationByDepartment = true;
        }
        emit TerminationProposed(tenderId, msg.sender);
        if (!(t.terminationBySupplier && t.terminationByDepartment)) return;

        t.state = TenderState.Terminated;
        uint256 returned = t.escrow;
        emit TenderTerminated(tenderId, t.paid, returned);
        uint256 performanceBond = t.performanceBond;
        t.performanceBond = 0;
        _release(t.winner, tenderId, performanceBond, _PERFORMANCE_BOND);
        _refundEscrow(tenderId, t);
    }

    // ===== MONEY OUT =====

    /// @inheritdoc ITenderEscrow
    /// @dev Not `restricted`: a pause never locks anyone's money.
    function withdraw() external nonReentrant {
        uint256 amount = _credits[msg.sender];
        if (amount == 0) revert TenderNothingToWithdraw(msg.sender);
        _credits[msg.sender] = 0;
        _owed -= amount;
        emit Withdrawn(msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    // ===== ADMINISTRATION =====

    /// @inheritdoc ITenderEscrow
    function setSupervisingDepartment(uint32 departmentId) external restricted {
        if (!_departmentExists(departmentId)) revert TenderUnknownDepartment(departmentId);
        _supervisingDepartment = departmentId;
        emit SupervisingDepartmentSet(departmentId);
    }

    /// @inheritdoc ITenderEscrow
    function setComplaintResolutionPeriod(uint48 period) external restricted {
        _setComplaintResolutionPeriod(period);
    }

    // ===== VIEWS =====

    /// @inheritdoc ITenderEscrow
    function commitmentOf(uint256 tenderId, address bidder, uint256 price, bytes32 salt) public view returns (bytes32) {
        return keccak256(abi.encode(tenderId, bidder, price, salt, block.chainid, address(this)));
    }

    /// @inheritdoc ITenderEscrow
    function getTender(uint256 tenderId) external view returns (TenderView memory v) {
        Tender storage t = _tender(tenderId);
        v.id = tenderId;
        v.state = t.state;
        v.department = t.department;
        v.acceptingDepartment = t.acceptingDepartment;
        v.licenseTypeId = t.licenseTypeId;
        v.treasury = t.treasury;
        v.documentsDigest = t.documentsDigest;
        v.category = t.category;
        v.budget = t.budget;
        v.bidBond = t.bidBond;
        v.commitDeadline = t.commitDeadline;
        v.revealDeadline = t.revealDeadline;
        v.complaintWindow = t.complaintWindow;
        v.awardedAt = t.awardedAt;
        v.amendments = t.amendments;
        v.bidCount = uint8(t.bids);
        v.revealedCount = t.revealedCount;
        v.winner = t.winner;
        v.price = t.price;
        v.paid = t.paid;
        v.escrow = t.escrow;
        v.performanceBond = t.performanceBond;
        v.milestoneCount = t.milestoneCount;
        v.acceptedCount = t.acceptedCount;
    }

    /// @inheritdoc ITenderEscrow
    function milestonesOf(uint256 tenderId) external view returns (Milestone[] memory ms) {
        _tender(tenderId);
        MilestoneRecord[] storage records = _milestones[tenderId];
        ms = new Milestone[](records.length);
        for (uint256 i = 0; i < records.length; ++i) {
            MilestoneRecord storage r = records[i];
            ms[i] = Milestone({
                shareBps: r.shareBps,
                state: r.state,
                descriptionDigest: r.descriptionDigest,
                deliveryDigest: r.deliveryDigest,
                paid: r.paid
            });
        }
    }

    /// @inheritdoc ITenderEscrow
    function bidOf(uint256 tenderId, address bidder) external view returns (Bid memory v) {
        PackedBid b = _bids[tenderId][bidder];
        v.sequence = b.sequence();
        v.amendmentsSeen = b.amendmentsSeen();
        v.revealed = b.revealed();
        v.disqualified = b.disqualified();
        v.complained = b.complained();
        v.withdrawn = b.withdrawn();
        if (v.revealed) v.price = b.value();
        else v.commitment = bytes24(uint192(b.value()));
        // Bonds are held exactly while the tender is open: award, cancellation and withdrawal settle them.
        v.bondHeld = v.sequence != 0 && _tenders[tenderId].state == TenderState.Open;
    }

    /// @inheritdoc ITenderEscrow
    function complaintsOf(uint256 tenderId) external view returns (Complaint[] memory) {
        return _complaints[tenderId];
    }

    /// @inheritdoc ITenderEscrow
    function creditOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @inheritdoc ITenderEscrow
    function obligations() external view returns (uint256) {
        return _owed;
    }

    /// @inheritdoc ITenderEscrow
    function tenderCount() external view returns (uint256) {
        return _tenderCount;
    }

    /// @inheritdoc ITenderEscrow
    function tendersOf(uint32 departmentId, uint256 offset, uint256 limit) external view returns (uint256[] memory page) {
        if (!Pagination.isValidLimit(limit, _MAX_PAGE)) revert TenderInvalidLimit(limit, _MAX_PAGE);
        return Pagination.slice(_tendersOf[departmentId], offset, limit);
    }

    /// @inheritdoc ITenderEscrow
    function tendersByState(
        TenderState state,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 next) {
        if (!Pagination.isValidLimit(limit, _MAX_PAGE)) revert TenderInvalidLimit(limit, _MAX_PAGE);
        return Pagination.scan(cursor, _tenderCount, limit, limit * 8, _isInState, uint256(state));
    }

    /// @inheritdoc ITenderEscrow
    function supervisingDepartment() external view returns (uint32) {
        return _supervisingDepartment;
    }

    /// @inheritdoc ITenderEscrow
    function complaintResolutionPeriod() external view returns (uint48) {
        return _complaintResolutionPeriod;
    }

    /// @inheritdoc ITenderEscrow
    function paymentToken() external view returns (address) {
        return address(_token);
    }

    // ===== INTERNAL =====

    function _validate(PublishParams calldata p) private view {
        if (p.budget == 0) revert TenderZeroBudget();
        if (p.budget > _MAX_BUDGET) revert TenderAmountTooLarge(p.budget, _MAX_BUDGET);
        if (p.bidBond > _MAX_BOND) revert TenderAmountTooLarge(p.bidBond, _MAX_BOND);
        if (p.commitDeadline <= Time.timestamp() || p.revealDeadline <= p.commitDeadline || p.complaintWindow == 0) {
            revert TenderInvalidSchedule(p.commitDeadline, p.revealDeadline, p.complaintWindow);
        }
        _checkPeriods(p.commitDeadline, p.revealDeadline);
        if (p.complaintWindow > _MAX_PERIOD) revert TenderComplaintWindowTooLong(p.complaintWindow, _MAX_PERIOD);
        uint256 count = p.milestoneSharesBps.length;
        uint256 total = 0;
        bool zeroShare = false;
        for (uint256 i = 0; i < count; ++i) {
            total += p.milestoneSharesBps[i];
            if (p.milestoneSharesBps[i] == 0) zeroShare = true;
        }
        if (count == 0 || count > _MAX_MILESTONES || count != p.milestoneDigests.length || total != _BPS || zeroShare) {
            revert TenderInvalidMilestones(count, total);
        }
        if (!_directory.isActive(p.acceptingDepartment)) revert TenderUnknownDepartment(p.acceptingDepartment);
        if (p.licenseTypeId == 0 || p.licenseTypeId > _licenses.typeCount()) {
            revert TenderUnknownLicenseType(p.licenseTypeId);
        }
    }

    /// @dev The commit phase ends at most _MAX_PERIOD from now and the reveal phase lasts at most
    /// _MAX_PERIOD (deadlines already checked to be in order: now < commit < reveal).
    function _checkPeriods(uint48 commitDeadline, uint48 revealDeadline) private view {
        // No overflow: now is far below 2^47, and commitDeadline is bounded by the first check (to below
        // 2^47 + 365 days) before the second adds 365 days to it.
        uint48 latestCommit = Time.timestamp() + _MAX_PERIOD;
        if (commitDeadline > latestCommit) revert TenderCommitPeriodTooLong(commitDeadline, latestCommit);
        uint48 latestReveal = commitDeadline + _MAX_PERIOD;
        if (revealDeadline > latestReveal) revert TenderRevealPeriodTooLong(revealDeadline, latestReveal);
    }

    function _setComplaintResolutionPeriod(uint48 period) private {
        if (period < _MIN_RESOLUTION_PERIOD || period > _MAX_RESOLUTION_PERIOD) {
            revert TenderInvalidResolutionPeriod(period, _MIN_RESOLUTION_PERIOD, _MAX_RESOLUTION_PERIOD);
        }
        _complaintResolutionPeriod = period;
        emit ComplaintResolutionPeriodSet(period);
    }

    /// @dev Pulls `amount` (never 0: a budget or a deposit) from `from` and refuses tokens that deliver
    /// less (fee-on-transfer).
    function _pull(address from, uint256 amount) private {
        uint256 before = _token.balanceOf(address(this));
        _token.safeTransferFrom(from, address(this), amount);
        uint256 received = _token.balanceOf(address(this)) - before;
        if (received != amount) revert TenderFeeOnTransfer(amount, received);
    }

    /// @dev Moves `amount` from `account`'s credit into a tender (a bid bond): `_owed` is unchanged.
    function _takeCredit(address account, uint256 amount) private {
        uint256 credit = _credits[account];
        if (credit < amount) revert TenderInsufficientCredit(account, credit, amount);
        unchecked {
            // Checked just above.
            _credits[account] = credit - amount;
        }
    }

    /// @dev The winner from `ranked`: the first eligible bidder, after checking that `ranked` is every
    /// revealed bid exactly once in strictly ascending (price, sequence) order. That order makes "first
    /// eligible" the lowest eligible price with ties to the earliest commitment, whoever sorted the list
    /// and in whatever order bids were revealed. At an award (`atAward`), every other revealed bidder's
    /// bond is credited back; at a re-award, the bonds are long settled and an eligible bidder must post
    /// the performance bond from its credit, or is passed over.
    function _pick(
        uint256 tenderId,
        Tender storage t,
        address[] calldata ranked,
        bool atAward
    ) private returns (address winner, uint256 price) {
        uint256 n = ranked.length;
        if (n != t.revealedCount) revert TenderBidListIncomplete(tenderId, n, t.revealedCount);
        mapping(address bidder => PackedBid) storage bids = _bids[tenderId];
        uint256 bond = t.bidBond;
        // Keys are (price << 32 | sequence) with sequence >= 1, so every key exceeds 0.
        uint256 previous = 0;
        for (uint256 i = 0; i < n; ++i) {
            address bidder = ranked[i];
            PackedBid b = bids[bidder];
            previous = _rankKey(tenderId, i, bidder, b, previous);
            if (winner == address(0) && _eligible(t, bidder, b) && (atAward || _postsBond(tenderId, bidder, bond))) {
                (winner, price) = (bidder, b.value());
            } else if (atAward) {
                _release(bidder, tenderId, bond, _BOND_REFUND);
            }
        }
    }

    /// @dev At a re-award: moves the performance bond from `bidder`'s credit into the tender if the credit
    /// covers it (true), or records that the bidder was passed over (false).
    function _postsBond(uint256 tenderId, address bidder, uint256 bond) private returns (bool) {
        uint256 credit = _credits[bidder];
        if (credit < bond) {
            emit BidderPassedOver(tenderId, bidder, credit, bond);
            return false;
        }
        unchecked {
            // Checked just above.
            _credits[bidder] = credit - bond;
        }
        if (bond != 0) emit PerformanceBondPosted(tenderId, bidder, bond);
        return true;
    }

    /// @dev The ranking key of entry `i`, a revealed bid ranked strictly after the `previous` key.
    function _rankKey(
        uint256 tenderId,
        uint256 i,
        address bidder,
        PackedBid b,
        uint256 previous
    ) private pure returns (uint256 key) {
        if (!b.revealed()) revert TenderBidNotRevealed(tenderId, bidder);
        key = b.rankKey();
        if (key <= previous) {
            // Sequences are unique in a tender: an equal key is the same bid listed twice.
            if (key == previous) revert TenderBidListDuplicate(tenderId, bidder);
            revert TenderBidListUnsorted(tenderId, i);
        }
    }

    /// @dev A revealed bid may win: within budget, not disqualified, and its bidder still licensed.
    function _eligible(Tender storage t, address bidder, PackedBid b) private view returns (bool) {
        return b.value() <= t.budget && !b.disqualified() && _licenses.hasValidLicense(bidder, t.licenseTypeId);
    }

    /// @dev The bonds of `count` live bids never revealed go to the treasury.
    function _forfeitUnrevealed(uint256 tenderId, Tender storage t, uint256 count) private {
        if (count == 0) return;
        uint256 forfeited = count * t.bidBond;
        emit BondsForfeited(tenderId, count, forfeited);
        _release(t.treasury, tenderId, forfeited, _BOND_FORFEIT);
    }

    function _setWinner(uint256 tenderId, Tender storage t, address winner, uint256 price) private {
        t.winner = winner;
        // At most the budget, itself below 2^128.
        t.price = uint128(price);
        t.state = TenderState.Awarded;
        uint48 now_ = Time.timestamp();
        t.awardedAt = now_;
        emit TenderAwarded(tenderId, winner, price, now_, now_ + t.complaintWindow);
    }

    function _fail(uint256 tenderId, Tender storage t) private {
        t.state = TenderState.Failed;
        emit TenderFailed(tenderId);
        _refundEscrow(tenderId, t);
    }

    function _start(uint256 tenderId, Tender storage t) private {
        uint48 deadline = t.awardedAt + t.complaintWindow;
        if (Time.timestamp() < deadline) revert TenderComplaintWindowOpen(tenderId, deadline);
        t.state = TenderState.Active;
        uint256 excess = t.escrow - t.price;
        emit ContractStarted(tenderId, t.winner, t.price, excess);
        if (excess != 0) {
            t.escrow = t.price;
            _release(t.treasury, tenderId, excess, _BUDGET_REFUND);
        }
    }

    /// @dev An Active tender, starting it first if its award has become final.
    function _activeContract(uint256 tenderId) private returns (Tender storage t) {
        t = _tender(tenderId);
        if (t.state == TenderState.Awarded) _start(tenderId, t);
        else if (t.state != TenderState.Active) revert TenderWrongState(tenderId, t.state);
    }

    function _refundEscrow(uint256 tenderId, Tender storage t) private {
        uint256 amount = t.escrow;
        t.escrow = 0;
        _release(t.treasury, tenderId, amount, _BUDGET_REFUND);
    }

    /// @dev Credits `amount` of value held for a tender to `to`, if there is any.
    function _release(address to, uint256 tenderId, uint256 amount, bytes32 reason) private {
        if (amount == 0) return;
        _credit(to, tenderId, amount, reason);
    }

    /// @dev Value held for a tender becomes `to`'s credit; `_owed` counts both, so it does not change.
    function _credit(address to, uint256 tenderId, uint256 amount, bytes32 reason) private {
        _credits[to] += amount;
        emit Credited(to, tenderId, amount, reason);
    }

    /// @dev Reverts with TenderWrongDepartment unless the caller acts for `departmentId` now.
    function _requireActsFor(uint256 tenderId, uint32 departmentId) private view {
        if (!_actsFor(departmentId)) revert TenderWrongDepartment(tenderId, departmentId, msg.sender);
    }

    /// @dev Reverts unless the caller may decide for the supervising department on this tender: the
    /// supervisor is not the procuring department (it may have been set so after publication), the caller
    /// acts for the supervisor, and the caller never bid in the tender.
    function _requireImpartialSupervisor(uint256 tenderId, Tender storage t) private view {
        uint32 supervisor = _supervisingDepartment;
        if (supervisor == t.department) revert TenderSupervisorIsProcurer(supervisor);
        if (!_actsFor(supervisor)) revert TenderNotSupervisor(msg.sender);
        if (_bids[tenderId][msg.sender].exists()) revert TenderBidderConflict(tenderId, msg.sender);
    }

    /// @dev A delivered milestone that the caller may review: an official of the accepting department who
    /// never bid in the tender.
    function _reviewable(
        uint256 tenderId,
        Tender storage t,
        uint8 milestone
    ) private view returns (MilestoneRecord storage m) {
        _requireActsFor(tenderId, t.acceptingDepartment);
        if (_bids[tenderId][msg.sender].exists()) revert TenderBidderConflict(tenderId, msg.sender);
        m = _milestone(tenderId, t, milestone);
        if (m.state != MilestoneState.Delivered) revert TenderWrongMilestoneState(tenderId, milestone, m.state);
    }

    /// @dev The complaint a Disputed tender waits on: the last one filed.
    function _openComplaint(uint256 tenderId) private view returns (Complaint storage c, uint256 complaintId) {
        Complaint[] storage cs = _complaints[tenderId];
        // A Disputed tender has at least one complaint.
        complaintId = cs.length - 1;
        c = cs[complaintId];
    }

    function _milestone(
        uint256 tenderId,
        Tender storage t,
        uint8 milestone
    ) private view returns (MilestoneRecord storage) {
        if (milestone >= t.milestoneCount) revert TenderUnknownMilestone(tenderId, milestone);
        return _milestones[tenderId][milestone];
    }

    function _inState(uint256 tenderId, TenderState state) private view returns (Tender storage t) {
        t = _tender(tenderId);
        if (t.state != state) revert TenderWrongState(tenderId, t.state);
    }

    function _tender(uint256 tenderId) private view returns (Tender storage t) {
        t = _tenders[tenderId];
        if (t.state == TenderState.None) revert TenderUnknown(tenderId);
    }

    /// @dev The predicate of `tendersByState`'s scan.
    function _isInState(uint256 tenderId, uint256 state) private view returns (bool) {
        return uint256(_tenders[tenderId].state) == state;
    }
}
