// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {ILicenseRegistry} from "../interfaces/ILicenseRegistry.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";

/// @title TenderEscrow
/// @notice Procurement with an escrowed budget, sealed bids with bonds, award by rule, complaints,
/// milestone payments and refunds. Accounting: every token the escrow holds is either `_held` for a
/// live tender (budget not yet paid or refunded, bonds) or a credit someone can withdraw; moving value
/// between the two never changes their sum, and only `withdraw` sends tokens out.
contract TenderEscrow is AccessManaged, ReentrancyGuard, ITenderEscrow {
    using SafeERC20 for IERC20;

    uint256 private constant _BPS = 10_000;
    uint256 private constant _MAX_MILESTONES = 20;
    uint256 private constant _MAX_BIDDERS = 64;
    uint256 private constant _MAX_PAGE = 200;

    bytes32 private constant _BUDGET_REFUND = "budget refund";
    bytes32 private constant _BOND_REFUND = "bond refund";
    bytes32 private constant _BOND_FORFEIT = "bond forfeited";
    bytes32 private constant _PERFORMANCE_BOND = "performance bond";
    bytes32 private constant _PAYMENT = "milestone payment";

    struct Tender {
        uint32 department;
        uint32 acceptingDepartment;
        uint32 licenseTypeId;
        TenderState state;
        uint48 commitDeadline;
        uint48 revealDeadline;
        uint48 complaintWindow;
        address funder;
        uint48 awardedAt;
        uint16 amendments;
        uint8 milestoneCount;
        uint8 acceptedCount;
        address winner;
        uint32 bidCount;
        uint32 revealedCount;
        bool terminationByDepartment;
        bool terminationBySupplier;
        uint256 budget;
        uint256 bidBond;
        uint256 escrow;
        uint256 price;
        uint256 paid;
        uint256 performanceBond;
        bytes32 documentsDigest;
        bytes32 category;
    }

    IERC20 private immutable _token;
    IDepartmentDirectory private immutable _directory;
    ILicenseRegistry private immutable _licenses;
    uint32 private _supervisingDepartment;

    uint256 private _tenderCount;
    uint32 private _bidSequence;
    mapping(uint256 tenderId => Tender) private _tenders;
    mapping(uint256 tenderId => Milestone[]) private _milestones;
    mapping(uint256 tenderId => mapping(address bidder => Bid)) private _bids;
    mapping(uint256 tenderId => address[]) private _bidders;
    mapping(uint256 tenderId => Complaint[]) private _complaints;
    mapping(uint32 departmentId => uint256[]) private _tendersOf;

    mapping(address account => uint256) private _credits;
    uint256 private _totalCredits;
    uint256 private _held;

    constructor(
        address manager,
        IDepartmentDirectory directory,
        ILicenseRegistry licenses,
        IERC20 token,
        uint32 supervisingDepartment_
    ) AccessManaged(manager) {
        _directory = directory;
        _licenses = licenses;
        _token = token;
        _supervisingDepartment = supervisingDepartment_;
        emit SupervisingDepartmentSet(supervisingDepartment_);
    }

    // ===== PUBLICATION =====

    /// @inheritdoc ITenderEscrow
    function publish(PublishParams calldata p) external nonReentrant returns (uint256 tenderId) {
        uint32 department = _directory.actingDepartmentOf(msg.sender);
        if (department == 0) revert TenderNotOfficial(msg.sender);
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
        t.funder = msg.sender;
        t.milestoneCount = uint8(p.milestoneSharesBps.length);
        t.budget = p.budget;
        t.bidBond = p.bidBond;
        t.escrow = p.budget;
        t.documentsDigest = p.documentsDigest;
        t.category = p.category;
        Milestone[] storage ms = _milestones[tenderId];
        for (uint256 i = 0; i < p.milestoneSharesBps.length; ++i) {
            ms.push(
                Milestone({
                    shareBps: p.milestoneSharesBps[i],
                    state: MilestoneState.Pending,
                    descriptionDigest: p.milestoneDigests[i],
                    deliveryDigest: bytes32(0),
                    paid: 0
                })
            );
        }
        _tendersOf[department].push(tenderId);
        _held += p.budget;
        emit TenderPublished(tenderId, department, msg.sender, p);
        _pull(msg.sender, p.budget);
    }

    /// @inheritdoc ITenderEscrow
    function amend(uint256 tenderId, bytes32 documentsDigest, uint48 commitDeadline, uint48 revealDeadline) external {
        Tender storage t = _inState(tenderId, TenderState.Open);
        _requireDepartment(tenderId, t.department);
        uint48 now_ = Time.timestamp();
        if (now_ >= t.commitDeadline) revert TenderCommitClosed(tenderId, t.commitDeadline);
        // Deadlines may only move later: a bidder who planned on them is never cut short.
        if (commitDeadline < t.commitDeadline || revealDeadline <= commitDeadline || revealDeadline < t.revealDeadline) {
            revert TenderInvalidSchedule(commitDeadline, revealDeadline, t.complaintWindow);
        }
        t.documentsDigest = documentsDigest;
        t.commitDeadline = commitDeadline;
        t.revealDeadline = revealDeadline;
        uint16 amendment = ++t.amendments;
        emit TenderAmended(tenderId, amendment, documentsDigest, commitDeadline, revealDeadline, msg.sender);
    }

    // ===== BIDS =====

    /// @inheritdoc ITenderEscrow
    function commitBid(uint256 tenderId, bytes32 commitment) external nonReentrant {
        Tender storage t = _inState(tenderId, TenderState.Open);
        if (Time.timestamp() >= t.commitDeadline) revert TenderCommitClosed(tenderId, t.commitDeadline);
        if (commitment == bytes32(0)) revert TenderZeroCommitment();
        if (!_licenses.hasValidLicense(msg.sender, t.licenseTypeId)) revert TenderNotLicensed(msg.sender, t.licenseTypeId);
        Bid storage b = _bids[tenderId][msg.sender];
        bool replaced = b.sequence != 0;
        b.commitment = commitment;
        b.sequence = ++_bidSequence;
        b.amendmentsSeen = t.amendments;
        emit BidCommitted(tenderId, msg.sender, commitment, b.sequence, replaced);
        if (replaced) return;

        // withdrawBid takes a bidder off the list, so a new commit is never listed twice.
        if (_bidders[tenderId].length >= _MAX_BIDDERS) revert TenderTooManyBidders(tenderId, _MAX_BIDDERS);
        _bidders[tenderId].push(msg.sender);
        ++t.bidCount;
        b.bondHeld = true;
        _held += t.bidBond;
        _pull(msg.sender, t.bidBond);
    }

    /// @inheritdoc ITenderEscrow
    function withdrawBid(uint256 tenderId) external {
        Tender storage t = _inState(tenderId, TenderState.Open);
        if (Time.timestamp() >= t.commitDeadline) revert TenderCommitClosed(tenderId, t.commitDeadline);
        Bid storage b = _bids[tenderId][msg.sender];
        if (b.sequence == 0) revert TenderNoBid(tenderId, msg.sender);
        if (b.amendmentsSeen == t.amendments) revert TenderNoAmendmentSinceBid(tenderId, msg.sender);
        delete _bids[tenderId][msg.sender];
        --t.bidCount;
        _removeBidder(tenderId, msg.sender);
        emit BidWithdrawn(tenderId, msg.sender);
        _release(msg.sender, tenderId, t.bidBond, _BOND_REFUND);
    }

    /// @inheritdoc ITenderEscrow
    function revealBid(uint256 tenderId, uint256 price, bytes32 salt) external {
        Tender storage t = _inState(tenderId, TenderState.Open);
        uint48 now_ = Time.timestamp();
        if (now_ < t.commitDeadline) revert TenderRevealNotOpen(tenderId, t.commitDeadline);
        if (now_ >= t.revealDeadline) revert TenderRevealClosed(tenderId, t.revealDeadline);
        Bid storage b = _bids[tenderId][msg.sender];
        if (b.sequence == 0) revert TenderNoBid(tenderId, msg.sender);
        if (b.revealed) revert TenderAlreadyRevealed(tenderId, msg.sender);
        if (commitmentOf(tenderId, msg.sender, price, salt) != b.commitment) {
            revert TenderCommitmentMismatch(tenderId, msg.sender);
        }
        b.revealed = true;
        b.price = price;
        ++t.revealedCount;
        emit BidRevealed(tenderId, msg.sender, price);
    }

    // ===== AWARD AND COMPLAINTS =====

    /// @inheritdoc ITenderEscrow
    function award(uint256 tenderId) external {
        Tender storage t = _inState(tenderId, TenderState.Open);
        if (Time.timestamp() < t.revealDeadline) revert TenderRevealNotOver(tenderId, t.revealDeadline);
        address winner = _best(tenderId, t);
        address[] storage bidders = _bidders[tenderId];
        uint256 bond = t.bidBond;
        for (uint256 i = 0; i < bidders.length; ++i) {
            address bidder = bidders[i];
            Bid storage b = _bids[tenderId][bidder];
            if (!b.bondHeld || bidder == winner) continue;
            b.bondHeld = false;
            if (b.revealed) {
                _release(bidder, tenderId, bond, _BOND_REFUND);
            } else {
                // A bidder who never revealed forfeits the bond to the procuring department.
                emit BondForfeited(tenderId, bidder, bond);
                _release(t.funder, tenderId, bond, _BOND_FORFEIT);
            }
        }
        if (winner == address(0)) {
            _fail(tenderId, t);
        } else {
            Bid storage w = _bids[tenderId][winner];
            w.bondHeld = false;
            t.performanceBond = bond;
            _setWinner(tenderId, t, winner, w.price);
        }
    }

    /// @inheritdoc ITenderEscrow
    function complain(uint256 tenderId, bytes32 digest) external {
        Tender storage t = _inState(tenderId, TenderState.Awarded);
        uint48 deadline = t.awardedAt + t.complaintWindow;
        if (Time.timestamp() >= deadline) revert TenderComplaintWindowClosed(tenderId, deadline);
        if (_bids[tenderId][msg.sender].sequence == 0) revert TenderNoBid(tenderId, msg.sender);
        t.state = TenderState.Disputed;
        Complaint[] storage cs = _complaints[tenderId];
        cs.push(
            Complaint({
                by: msg.sender,
                filedAt: Time.timestamp(),
                resolved: false,
                upheld: false,
                digest: digest,
                resolutionDigest: bytes32(0)
            })
        );
        emit ComplaintFiled(tenderId, cs.length - 1, msg.sender, digest);
    }

    /// @inheritdoc ITenderEscrow
    function resolveComplaint(uint256 tenderId, bool upheld, bytes32 resolutionDigest) external {
        Tender storage t = _inState(tenderId, TenderState.Disputed);
        if (_supervisingDepartment == 0 || _directory.actingDepartmentOf(msg.sender) != _supervisingDepartment) {
            revert TenderNotSupervisor(msg.sender);
        }
        Complaint[] storage cs = _complaints[tenderId];
        uint256 complaintId = cs.length - 1;
        Complaint storage c = cs[complaintId];
        c.resolved = true;
        c.upheld = upheld;
        c.resolutionDigest = resolutionDigest;
        emit ComplaintResolved(tenderId, complaintId, upheld, msg.sender, resolutionDigest);
        if (!upheld) {
            t.state = TenderState.Awarded;
            return;
        }
        // Upheld: the award is cancelled. The supplier is not at fault for the procedure, so the
        // performance bond goes back to them; the next valid bid wins, or the tender fails.
        address previous = t.winner;
        _bids[tenderId][previous].disqualified = true;
        uint256 performanceBond = t.performanceBond;
        t.performanceBond = 0;
        t.winner = address(0);
        t.price = 0;
        // Termination consent was given for the cancelled award: the next winner starts afresh.
        t.terminationBySupplier = false;
        t.terminationByDepartment = false;
        _release(previous, tenderId, performanceBond, _PERFORMANCE_BOND);
        address next = _best(tenderId, t);
        if (next == address(0)) {
            _fail(tenderId, t);
        } else {
            _setWinner(tenderId, t, next, _bids[tenderId][next].price);
        }
    }

    // ===== CONTRACT AND MILESTONES =====

    /// @inheritdoc ITenderEscrow
    function startContract(uint256 tenderId) external {
        Tender storage t = _inState(tenderId, TenderState.Awarded);
        _start(tenderId, t);
    }

    /// @inheritdoc ITenderEscrow
    function deliverMilestone(uint256 tenderId, uint8 milestone, bytes32 deliveryDigest) external {
        Tender storage t = _activeContract(tenderId);
        if (msg.sender != t.winner) revert TenderNotWinner(tenderId, msg.sender);
        Milestone storage m = _milestone(tenderId, t, milestone);
        if (m.state != MilestoneState.Pending) revert TenderWrongMilestoneState(tenderId, milestone, m.state);
        m.state = MilestoneState.Delivered;
        m.deliveryDigest = deliveryDigest;
        emit MilestoneDelivered(tenderId, milestone, deliveryDigest);
    }

    /// @inheritdoc ITenderEscrow
    function acceptMilestone(uint256 tenderId, uint8 milestone) external {
        Tender storage t = _activeContract(tenderId);
        _requireDepartment(tenderId, t.acceptingDepartment);
        Milestone storage m = _milestone(tenderId, t, milestone);
        if (m.state != MilestoneState.Delivered) revert TenderWrongMilestoneState(tenderId, milestone, m.state);
        m.state = MilestoneState.Accepted;
        uint8 accepted = ++t.acceptedCount;
        // The last acceptance pays whatever is left of the price, so rounding never strands a unit.
        uint256 amount = accepted == t.milestoneCount ? t.price - t.paid : (t.price * m.shareBps) / _BPS;
        m.paid = amount;
        t.paid += amount;
        t.escrow -= amount;
        _held -= amount;
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
    function rejectMilestone(uint256 tenderId, uint8 milestone, uint16 reasonCode, bytes32 commentDigest) external {
        Tender storage t = _activeContract(tenderId);
        _requireDepartment(tenderId, t.acceptingDepartment);
        Milestone storage m = _milestone(tenderId, t, milestone);
        if (m.state != MilestoneState.Delivered) revert TenderWrongMilestoneState(tenderId, milestone, m.state);
        m.state = MilestoneState.Pending;
        emit MilestoneRejected(tenderId, milestone, msg.sender, reasonCode, commentDigest);
    }

    // ===== CANCELLATION AND TERMINATION =====

    /// @inheritdoc ITenderEscrow
    function cancel(uint256 tenderId, uint16 reasonCode) external {
        Tender storage t = _inState(tenderId, TenderState.Open);
        _requireDepartment(tenderId, t.department);
        t.state = TenderState.Cancelled;
        emit TenderCancelled(tenderId, msg.sender, reasonCode);
        address[] storage bidders = _bidders[tenderId];
        for (uint256 i = 0; i < bidders.length; ++i) {
            Bid storage b = _bids[tenderId][bidders[i]];
            if (!b.bondHeld) continue;
            b.bondHeld = false;
            _release(bidders[i], tenderId, t.bidBond, _BOND_REFUND);
        }
        _refundEscrow(tenderId, t);
    }

    /// @inheritdoc ITenderEscrow
    function proposeTermination(uint256 tenderId) external {
        Tender storage t = _tender(tenderId);
        if (t.state != TenderState.Awarded && t.state != TenderState.Active) revert TenderWrongState(tenderId, t.state);
        if (msg.sender == t.winner) {
            if (t.terminationBySupplier) revert TenderTerminationAlreadyProposed(tenderId, msg.sender);
            t.terminationBySupplier = true;
        } else {
            _requireDepartment(tenderId, t.department);
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
    function withdraw() external nonReentrant {
        uint256 amount = _credits[msg.sender];
        if (amount == 0) revert TenderNothingToWithdraw(msg.sender);
        _credits[msg.sender] = 0;
        _totalCredits -= amount;
        emit Withdrawn(msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ITenderEscrow
    function setSupervisingDepartment(uint32 departmentId) external restricted {
        if (departmentId == 0 || departmentId > _directory.departmentCount()) revert TenderUnknownDepartment(departmentId);
        _supervisingDepartment = departmentId;
        emit SupervisingDepartmentSet(departmentId);
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
        v.funder = t.funder;
        v.documentsDigest = t.documentsDigest;
        v.category = t.category;
        v.budget = t.budget;
        v.bidBond = t.bidBond;
        v.commitDeadline = t.commitDeadline;
        v.revealDeadline = t.revealDeadline;
        v.complaintWindow = t.complaintWindow;
        v.awardedAt = t.awardedAt;
        v.amendments = t.amendments;
        v.bidCount = t.bidCount;
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
    function milestonesOf(uint256 tenderId) external view returns (Milestone[] memory) {
        _tender(tenderId);
        return _milestones[tenderId];
    }

    /// @inheritdoc ITenderEscrow
    function bidOf(uint256 tenderId, address bidder) external view returns (Bid memory) {
        return _bids[tenderId][bidder];
    }

    /// @inheritdoc ITenderEscrow
    function biddersOf(uint256 tenderId) external view returns (address[] memory) {
        return _bidders[tenderId];
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
        return _totalCredits + _held;
    }

    /// @inheritdoc ITenderEscrow
    function tenderCount() external view returns (uint256) {
        return _tenderCount;
    }

    /// @inheritdoc ITenderEscrow
    function tendersOf(uint32 departmentId, uint256 offset, uint256 limit) external view returns (uint256[] memory page) {
        if (limit == 0 || limit > _MAX_PAGE) revert TenderInvalidLimit(limit, _MAX_PAGE);
        uint256[] storage ids = _tendersOf[departmentId];
        if (offset >= ids.length) return page;
        uint256 n = ids.length - offset < limit ? ids.length - offset : limit;
        page = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            page[i] = ids[offset + i];
        }
    }

    /// @inheritdoc ITenderEscrow
    function tendersByState(
        TenderState state,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 next) {
        if (limit == 0 || limit > _MAX_PAGE) revert TenderInvalidLimit(limit, _MAX_PAGE);
        uint256 id = cursor == 0 ? 1 : cursor;
        if (id > _tenderCount) return (new uint256[](0), 0);
        ids = new uint256[](limit);
        uint256 found = 0;
        // Written so that no cursor overflows: a cursor past the end scans nothing.
        uint256 end = _tenderCount + 1;
        if (id < end && end - id > limit * 8) end = id + limit * 8;
        for (; id < end && found < limit; ++id) {
            if (_tenders[id].state == state) ids[found++] = id;
        }
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(ids, found)
        }
        next = id <= _tenderCount ? id : 0;
    }

    /// @inheritdoc ITenderEscrow
    function supervisingDepartment() external view returns (uint32) {
        return _supervisingDepartment;
    }

    /// @inheritdoc ITenderEscrow
    function paymentToken() external view returns (address) {
        return address(_token);
    }

    // ===== INTERNAL =====

    function _validate(PublishParams calldata p) private view {
        if (p.budget == 0) revert TenderZeroBudget();
        if (p.commitDeadline <= Time.timestamp() || p.revealDeadline <= p.commitDeadline || p.complaintWindow == 0) {
            revert TenderInvalidSchedule(p.commitDeadline, p.revealDeadline, p.complaintWindow);
        }
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

    /// @dev Pulls `amount` from `from` and refuses tokens that deliver less (fee-on-transfer).
    function _pull(address from, uint256 amount) private {
        if (amount == 0) return;
        uint256 before = _token.balanceOf(address(this));
        _token.safeTransferFrom(from, address(this), amount);
        uint256 received = _token.balanceOf(address(this)) - before;
        if (received != amount) revert TenderFeeOnTransfer(amount, received);
    }

    /// @dev Lowest revealed price within budget from a still-licensed, not disqualified bidder; ties go
    /// to the earliest commitment. Independent of the order of reveals: it compares every candidate.
    function _best(uint256 tenderId, Tender storage t) private view returns (address best) {
        address[] storage bidders = _bidders[tenderId];
        uint256 bestPrice;
        uint32 bestSequence;
        for (uint256 i = 0; i < bidders.length; ++i) {
            Bid storage b = _bids[tenderId][bidders[i]];
            if (!b.revealed || b.disqualified || b.price > t.budget) continue;
            if (best != address(0) && (b.price > bestPrice || (b.price == bestPrice && b.sequence > bestSequence))) {
                continue;
            }
            if (!_licenses.hasValidLicense(bidders[i], t.licenseTypeId)) continue;
            best = bidders[i];
            bestPrice = b.price;
            bestSequence = b.sequence;
        }
    }

    function _setWinner(uint256 tenderId, Tender storage t, address winner, uint256 price) private {
        t.winner = winner;
        t.price = price;
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
            _release(t.funder, tenderId, excess, _BUDGET_REFUND);
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
        _release(t.funder, tenderId, amount, _BUDGET_REFUND);
    }

    /// @dev Moves `amount` from held value to `to`'s credit.
    function _release(address to, uint256 tenderId, uint256 amount, bytes32 reason) private {
        if (amount == 0) return;
        _held -= amount;
        _credit(to, tenderId, amount, reason);
    }

    function _credit(address to, uint256 tenderId, uint256 amount, bytes32 reason) private {
        _credits[to] += amount;
        _totalCredits += amount;
        emit Credited(to, tenderId, amount, reason);
    }

    /// @dev Drops a withdrawn bidder from the list (order is irrelevant: ties go by sequence), so a
    /// bidder who bids again is listed once and withdrawn bids do not count towards the cap.
    function _removeBidder(uint256 tenderId, address bidder) private {
        address[] storage bidders = _bidders[tenderId];
        uint256 last = bidders.length - 1;
        for (uint256 i = 0; i <= last; ++i) {
            if (bidders[i] == bidder) {
                bidders[i] = bidders[last];
                bidders.pop();
                return;
            }
        }
    }

    function _requireDepartment(uint256 tenderId, uint32 departmentId) private view {
        if (_directory.actingDepartmentOf(msg.sender) != departmentId) {
            revert TenderWrongDepartment(tenderId, departmentId, msg.sender);
        }
    }

    function _milestone(uint256 tenderId, Tender storage t, uint8 milestone) private view returns (Milestone storage) {
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
}
