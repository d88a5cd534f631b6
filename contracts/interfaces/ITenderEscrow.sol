// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ITenderEscrow
/// @notice Government procurement from publication to final payment (招投标、政府采购): escrowed budget,
/// sealed commit-reveal bids with bonds, award by rule, complaints, milestone payments on official
/// acceptance, refunds and cancellation. Every payout is a credit that its owner withdraws (pull).
/// @dev Bid bonds come from the bidder's credit: a supplier deposits tokens once (`depositBond`), or
/// reuses refunds and payments already credited to it, and each first commit in a tender moves the bond
/// from that credit into the tender. The escrow keeps no list of bidders: lists are rebuilt from the
/// events (`BidCommitted`, `BidWithdrawn`, `BidRevealed`) and handed to `award`, `resolveComplaint` and
/// `cancel`, which check them for completeness, order and duplicates against per-tender counters.
interface ITenderEscrow {
    // ===== TYPES =====

    /// @dev Open covers the commit and reveal phases (told apart by the deadlines). States only move
    /// forward, except Awarded <-> Disputed while a complaint is open.
    enum TenderState {
        None,
        Open,
        Awarded,
        Disputed,
        Active,
        Completed,
        Cancelled,
        Failed,
        Terminated
    }

    enum MilestoneState {
        Pending,
        Delivered,
        Accepted
    }

    struct PublishParams {
        bytes32 documentsDigest;
        string metadataURI;
        bytes32 category;
        uint256 budget;
        uint256 bidBond;
        uint48 commitDeadline;
        uint48 revealDeadline;
        uint48 complaintWindow;
        uint32 acceptingDepartment;
        uint32 licenseTypeId;
        uint16[] milestoneSharesBps;
        bytes32[] milestoneDigests;
    }

    struct TenderView {
        uint256 id;
        TenderState state;
        uint32 department;
        uint32 acceptingDepartment;
        uint32 licenseTypeId;
        address funder;
        bytes32 documentsDigest;
        bytes32 category;
        uint256 budget;
        uint256 bidBond;
        uint48 commitDeadline;
        uint48 revealDeadline;
        uint48 complaintWindow;
        uint48 awardedAt;
        uint16 amendments;
        uint32 bidCount;
        uint32 revealedCount;
        address winner;
        uint256 price;
        uint256 paid;
        uint256 escrow;
        uint256 performanceBond;
        uint8 milestoneCount;
        uint8 acceptedCount;
    }

    struct Milestone {
        uint16 shareBps;
        MilestoneState state;
        bytes32 descriptionDigest;
        bytes32 deliveryDigest;
        uint256 paid;
    }

    /// @dev `commitment` is the first 24 bytes of the sealed commitment until the bid is revealed (then 0);
    /// `price` is the revealed price (0 before), the ranking key of `award` (prices above 2^192 - 1, all
    /// far over any budget, rank as 2^192 - 1). `sequence` orders the commitments of one tender (1, 2…;
    /// a replacement takes the next number). `bondHeld`: the bid's bond is held for the open tender.
    struct Bid {
        bytes24 commitment;
        uint32 sequence;
        uint16 amendmentsSeen;
        bool revealed;
        bool bondHeld;
        bool disqualified;
        uint256 price;
    }

    struct Complaint {
        address by;
        uint48 filedAt;
        bool resolved;
        bool upheld;
        bytes32 digest;
        bytes32 resolutionDigest;
    }

    // ===== EVENTS (each carries what the OCDS export needs) =====

    /// @notice Everything published, as given (budget, bond, deadlines, milestones, documents…).
    event TenderPublished(uint256 indexed tenderId, uint32 indexed department, address indexed funder, PublishParams params);
    event TenderAmended(
        uint256 indexed tenderId,
        uint16 amendment,
        bytes32 documentsDigest,
        uint48 commitDeadline,
        uint48 revealDeadline,
        address by
    );
    /// @notice A first commit (`replaced` false) moved the tender's bid bond from the bidder's credit into
    /// the tender; a replacement moves nothing. `sequence` counts the tender's commitments from 1.
    event BidCommitted(uint256 indexed tenderId, address indexed bidder, bytes32 commitment, uint32 sequence, bool replaced);
    event BidWithdrawn(uint256 indexed tenderId, address indexed bidder);
    event BidRevealed(uint256 indexed tenderId, address indexed bidder, uint256 price);
    /// @notice At award, the bonds of the `count` bids never revealed (each committed and not withdrawn,
    /// without a `BidRevealed`) were forfeited: `amount` is credited to the funder.
    event BondsForfeited(uint256 indexed tenderId, uint256 count, uint256 amount);
    event TenderAwarded(uint256 indexed tenderId, address indexed winner, uint256 price, uint48 awardedAt, uint48 complaintDeadline);
    event TenderFailed(uint256 indexed tenderId);
    event ComplaintFiled(uint256 indexed tenderId, uint256 indexed complaintId, address indexed by, bytes32 digest);
    event ComplaintResolved(
        uint256 indexed tenderId,
        uint256 indexed complaintId,
        bool upheld,
        address indexed by,
        bytes32 resolutionDigest
    );
    event ContractStarted(uint256 indexed tenderId, address indexed supplier, uint256 price, uint256 budgetReturned);
    event MilestoneDelivered(uint256 indexed tenderId, uint8 indexed milestone, bytes32 deliveryDigest);
    event MilestoneAccepted(uint256 indexed tenderId, uint8 indexed milestone, address indexed by, uint256 amount);
    event MilestoneRejected(uint256 indexed tenderId, uint8 indexed milestone, address indexed by, uint16 reasonCode, bytes32 commentDigest);
    event TenderCompleted(uint256 indexed tenderId, uint256 totalPaid);
    event TenderCancelled(uint256 indexed tenderId, address indexed by, uint16 reasonCode);
    event TerminationProposed(uint256 indexed tenderId, address indexed by);
    event TenderTerminated(uint256 indexed tenderId, uint256 totalPaid, uint256 budgetReturned);
    /// @notice `account` may now withdraw `amount` more; `reason` names why (budget refund, bond, payment…).
    event Credited(address indexed account, uint256 indexed tenderId, uint256 amount, bytes32 reason);
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice `account` paid `amount` in, credited to it to back its bid bonds (or to be withdrawn).
    event BondDeposited(address indexed account, uint256 amount);
    event SupervisingDepartmentSet(uint32 indexed departmentId);

    // ===== ERRORS =====

    error TenderNotOfficial(address caller);
    error TenderWrongDepartment(uint256 tenderId, uint32 expected, address caller);
    error TenderNotSupervisor(address caller);
    error TenderUnknown(uint256 tenderId);
    error TenderWrongState(uint256 tenderId, TenderState state);
    error TenderZeroBudget();
    error TenderAmountTooLarge(uint256 amount, uint256 max);
    error TenderInvalidSchedule(uint48 commitDeadline, uint48 revealDeadline, uint48 complaintWindow);
    error TenderInvalidMilestones(uint256 count, uint256 totalBps);
    error TenderUnknownDepartment(uint32 departmentId);
    error TenderUnknownLicenseType(uint32 licenseTypeId);
    error TenderFeeOnTransfer(uint256 expected, uint256 received);
    error TenderCommitClosed(uint256 tenderId, uint48 commitDeadline);
    error TenderNotLicensed(address bidder, uint32 licenseTypeId);
    error TenderZeroCommitment();
    error TenderTooManyBidders(uint256 tenderId, uint256 max);
    error TenderNoBid(uint256 tenderId, address bidder);
    error TenderNoAmendmentSinceBid(uint256 tenderId, address bidder);
    error TenderRevealNotOpen(uint256 tenderId, uint48 commitDeadline);
    error TenderRevealClosed(uint256 tenderId, uint48 revealDeadline);
    error TenderAlreadyRevealed(uint256 tenderId, address bidder);
    error TenderCommitmentMismatch(uint256 tenderId, address bidder);
    error TenderRevealNotOver(uint256 tenderId, uint48 revealDeadline);
    error TenderComplaintWindowClosed(uint256 tenderId, uint48 complaintDeadline);
    error TenderComplaintWindowOpen(uint256 tenderId, uint48 complaintDeadline);
    error TenderNotWinner(uint256 tenderId, address caller);
    error TenderUnknownMilestone(uint256 tenderId, uint8 milestone);
    error TenderWrongMilestoneState(uint256 tenderId, uint8 milestone, MilestoneState state);
    error TenderTerminationAlreadyProposed(uint256 tenderId, address by);
    error TenderNothingToWithdraw(address account);
    error TenderInvalidLimit(uint256 limit, uint256 max);
    error TenderZeroDeposit();
    error TenderInsufficientCredit(address account, uint256 credit, uint256 bond);
    /// @notice A bid list has `given` entries where the tender has `expected` (revealed bids for a ranking,
    /// live bids for a cancellation).
    error TenderBidListIncomplete(uint256 tenderId, uint256 given, uint256 expected);
    /// @notice Entry `index` of a bid list is out of order (ranking: ascending price, then sequence;
    /// cancellation: ascending address).
    error TenderBidListUnsorted(uint256 tenderId, uint256 index);
    error TenderBidListDuplicate(uint256 tenderId, address bidder);
    error TenderBidNotRevealed(uint256 tenderId, address bidder);
    /// @notice A dismissal re-awards nothing, so it takes no ranking: a non-empty one is a mistake.
    error TenderRankingOnDismissal(uint256 tenderId, uint256 given);

    // ===== LIFECYCLE =====

    /// @notice Publishes a tender (an official of the procuring department). The budget is escrowed at
    /// once from the caller, who is the tender's funder: refunds of budget are credited back to it.
    /// The budget is at most 2^128 - 1, the bid bond at most 2^112 - 1 (`TenderAmountTooLarge`).
    function publish(PublishParams calldata params) external returns (uint256 tenderId);

    /// @notice Amends a tender before its commit deadline: new documents and/or later deadlines.
    function amend(uint256 tenderId, bytes32 documentsDigest, uint48 commitDeadline, uint48 revealDeadline) external;

    /// @notice Pays `amount` in (the caller must have approved it) as credit that backs the caller's bid
    /// bonds; what is not used stays withdrawable. Tokens that deliver less than sent are refused.
    function depositBond(uint256 amount) external;

    /// @notice Commits (or replaces) a sealed bid; the first commit in a tender moves the bid bond from the
    /// caller's credit into the tender (`TenderInsufficientCredit` if the credit does not cover it).
    /// At most 64 live bids per tender (a withdrawn bid frees its place).
    /// `commitment = commitmentOf(tenderId, bidder, price, salt)`.
    function commitBid(uint256 tenderId, bytes32 commitment) external;

    /// @notice Withdraws a bid committed before an amendment, crediting its bond back.
    function withdrawBid(uint256 tenderId) external;

    /// @notice Reveals a bid in the reveal window.
    function revealBid(uint256 tenderId, uint256 price, bytes32 salt) external;

    /// @notice Awards the tender (anyone, after the reveal deadline): the lowest revealed price within
    /// the budget from a bidder still licensed wins, ties to the earliest commitment. `ranked` lists every
    /// revealed bidder once, in strictly ascending order of (`bidOf(..).price`, `bidOf(..).sequence`);
    /// the escrow checks the order, that each entry revealed and that the count is the tender's
    /// `revealedCount`, so the result does not depend on who builds the list nor on the order of reveals.
    /// Revealed losers' bonds are credited back; the never-revealed bonds go to the funder
    /// (`BondsForfeited`); the winner's becomes the performance bond.
    function award(uint256 tenderId, address[] calldata ranked) external;

    /// @notice A bidder files a complaint in the complaint window; the tender is held until resolved.
    function complain(uint256 tenderId, bytes32 digest) external;

    /// @notice An official of the supervising department upholds (re-award or fail) or dismisses. An upheld
    /// complaint disqualifies the winner and re-awards from `ranked`, the same complete ranking as for
    /// `award` (the disqualified bidder stays in it and is skipped); a dismissal takes an empty `ranked`.
    function resolveComplaint(uint256 tenderId, bool upheld, bytes32 resolutionDigest, address[] calldata ranked)
        external;

    /// @notice Starts the contract once the complaint window has passed (anyone): budget above the
    /// price is credited back to the funder.
    function startContract(uint256 tenderId) external;

    function deliverMilestone(uint256 tenderId, uint8 milestone, bytes32 deliveryDigest) external;

    function acceptMilestone(uint256 tenderId, uint8 milestone) external;

    function rejectMilestone(uint256 tenderId, uint8 milestone, uint16 reasonCode, bytes32 commentDigest) external;

    /// @notice Cancels before award (procuring department): budget and every bond are credited back.
    /// `bidders` lists every live bid's bidder once (`bidCount` entries), in strictly ascending address
    /// order.
    function cancel(uint256 tenderId, uint16 reasonCode, address[] calldata bidders) external;

    /// @notice Mutual termination after award: the procuring department and the supplier each call it;
    /// the second call terminates. Nothing more is paid; the rest of the budget returns to the funder
    /// and the performance bond to the supplier.
    function proposeTermination(uint256 tenderId) external;

    /// @notice Withdraws all of the caller's credits.
    function withdraw() external;

    /// @notice Sets the department whose officials resolve complaints. Restricted to the administrator.
    function setSupervisingDepartment(uint32 departmentId) external;

    // ===== VIEWS =====

    function commitmentOf(uint256 tenderId, address bidder, uint256 price, bytes32 salt) external view returns (bytes32);

    function getTender(uint256 tenderId) external view returns (TenderView memory);

    function milestonesOf(uint256 tenderId) external view returns (Milestone[] memory);

    function bidOf(uint256 tenderId, address bidder) external view returns (Bid memory);

    function complaintsOf(uint256 tenderId) external view returns (Complaint[] memory);

    function creditOf(address account) external view returns (uint256);

    /// @notice Everything the escrow owes: credits not yet withdrawn plus value held for tenders (it only
    /// grows with tokens paid in and shrinks with withdrawals).
    function obligations() external view returns (uint256);

    function tenderCount() external view returns (uint256);

    function tendersOf(uint32 departmentId, uint256 offset, uint256 limit) external view returns (uint256[] memory);

    /// @notice Tenders in `state`, scanning ids from `cursor`; `next` continues (0: done).
    function tendersByState(TenderState state, uint256 cursor, uint256 limit)
        external
        view
        returns (uint256[] memory ids, uint256 next);

    function supervisingDepartment() external view returns (uint32);

    function paymentToken() external view returns (address);
}
