// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ITenderEscrow
/// @notice Government procurement from publication to final payment (招投标、政府采购): a budget escrowed
/// from the procuring department's treasury, sealed commit-reveal bids with bonds, award by rule,
/// complaints decided by an independent supervising department within a time limit, milestone payments
/// on official acceptance, refunds and cancellation. Every payout is a credit that its owner withdraws
/// (pull); withdrawals keep working while the escrow is paused.
/// @dev Bid bonds come from the bidder's credit: a supplier deposits tokens once (`depositBond`), or
/// reuses refunds and payments already credited to it, and each first commit in a tender moves the bond
/// from that credit into the tender. The escrow keeps no list of bidders: lists are rebuilt from the
/// events (`BidCommitted`, `BidWithdrawn`, `BidRevealed`) and handed to `award`, `resolveComplaint` and
/// `cancel`, which check them for completeness, order and duplicates against per-tender counters.
///
/// Money of a department: the budget is pulled from the treasury account the department's head named in
/// the directory, and every refund, leftover and forfeited bond of the tender is credited back to that
/// same treasury (the one that funded it, recorded at publication), never to the official who published.
///
/// Every state-changing function except `withdraw` is `restricted`: the platform guardian can pause the
/// escrow in the access manager, and the administrator reopens it.
interface ITenderEscrow {
    // ===== TYPES =====

    /// @notice Where a tender is in its life. Open covers the commit and reveal phases (told apart by the
    /// deadlines). States only move forward, except Awarded <-> Disputed while a complaint is open.
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

    /// @notice Where a milestone is: waiting for delivery, delivered (waiting for acceptance), accepted (paid).
    enum MilestoneState {
        Pending,
        Delivered,
        Accepted
    }

    /// @notice How a complaint ended: still pending, dismissed or upheld by the supervising department, or
    /// lapsed because no decision came within the complaint resolution period (the award then stands).
    enum ComplaintOutcome {
        Pending,
        Dismissed,
        Upheld,
        Lapsed
    }

    /// @notice What a procuring official publishes.
    /// @param documentsDigest hash of the tender documents.
    /// @param metadataURI where the tender documents are published.
    /// @param category procurement category (a short label, e.g. "construction").
    /// @param budget the most the department will pay, escrowed at publication (1 to 2^128 - 1 token units).
    /// @param bidBond the bond each bidder puts up on its first commit (0 to 2^112 - 1); the winner's becomes
    /// its performance bond.
    /// @param commitDeadline sealed bids are accepted before this time (at most 365 days from publication).
    /// @param revealDeadline bids are revealed from the commit deadline until this time (at most 365 days
    /// after the commit deadline).
    /// @param complaintWindow seconds after an award during which bidders may complain (1 s to 365 days).
    /// @param acceptingDepartment the active department whose officials accept the deliveries.
    /// @param licenseTypeId the licence type every bidder must hold (LicenseRegistry).
    /// @param milestoneSharesBps each milestone's share of the price in basis points (1 to 20 milestones,
    /// no zero share, summing to 10,000).
    /// @param milestoneDigests one description hash per milestone.
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

    /// @notice A tender as `getTender` reports it.
    /// @param id the tender's id (1, 2, ...).
    /// @param state where the tender is in its life.
    /// @param department the procuring department (the publishing official's).
    /// @param acceptingDepartment the department whose officials accept deliveries.
    /// @param licenseTypeId the licence type bidders must hold.
    /// @param treasury the department treasury that funded the budget; its refunds, leftovers and
    /// forfeited bonds are credited to it.
    /// @param documentsDigest hash of the tender documents (the latest amendment's).
    /// @param category procurement category.
    /// @param budget the escrowed budget.
    /// @param bidBond the bond per bid.
    /// @param commitDeadline end of the commit phase.
    /// @param revealDeadline end of the reveal phase.
    /// @param complaintWindow seconds after an award during which bidders may complain.
    /// @param awardedAt when the current award was made (0 before).
    /// @param amendments how many amendments were published.
    /// @param bidCount live bids (committed and not withdrawn).
    /// @param revealedCount revealed bids.
    /// @param winner the current winner (zero before award, after an upheld complaint or a failure).
    /// @param price the winner's price.
    /// @param paid what the winner has been paid so far.
    /// @param escrow the budget still held (not yet paid nor refunded).
    /// @param performanceBond the winner's performance bond held by the escrow.
    /// @param milestoneCount how many milestones the contract has.
    /// @param acceptedCount how many milestones have been accepted.
    struct TenderView {
        uint256 id;
        TenderState state;
        uint32 department;
        uint32 acceptingDepartment;
        uint32 licenseTypeId;
        address treasury;
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

    /// @notice One milestone of a tender's contract.
    /// @param shareBps its share of the price, in basis points.
    /// @param state waiting, delivered or accepted.
    /// @param descriptionDigest hash of what is to be delivered.
    /// @param deliveryDigest hash of the latest delivery (0 before).
    /// @param paid what its acceptance paid (0 before).
    struct Milestone {
        uint16 shareBps;
        MilestoneState state;
        bytes32 descriptionDigest;
        bytes32 deliveryDigest;
        uint256 paid;
    }

    /// @notice A bidder's bid in a tender.
    /// @param commitment the first 24 bytes of the sealed commitment until the bid is revealed (then 0).
    /// @param sequence the order of the commitment in its tender (1, 2, ...; a replacement takes the next
    /// number; 0: no live bid).
    /// @param amendmentsSeen the tender's amendment count when the bid was (last) committed.
    /// @param revealed whether the bid was revealed.
    /// @param bondHeld whether the bid's bond is held for the open tender.
    /// @param disqualified whether an upheld complaint disqualified the bidder.
    /// @param complained whether the bidder has filed its one complaint in this tender.
    /// @param withdrawn whether the bidder withdrew its bid and has not bid again since.
    /// @param price the revealed price (0 before), the ranking key of `award` (prices above 2^192 - 1, all
    /// far over any budget, rank as 2^192 - 1).
    struct Bid {
        bytes24 commitment;
        uint32 sequence;
        uint16 amendmentsSeen;
        bool revealed;
        bool bondHeld;
        bool disqualified;
        bool complained;
        bool withdrawn;
        uint256 price;
    }

    /// @notice A complaint against an award.
    /// @param by the bidder who filed it.
    /// @param filedAt when it was filed.
    /// @param resolveBy the supervising department must decide before this time; from then on it lapses.
    /// @param outcome pending, dismissed, upheld or lapsed.
    /// @param digest hash of the complaint's text.
    /// @param resolutionDigest hash of the supervising department's decision (0 if none).
    struct Complaint {
        address by;
        uint48 filedAt;
        uint48 resolveBy;
        ComplaintOutcome outcome;
        bytes32 digest;
        bytes32 resolutionDigest;
    }

    // ===== EVENTS (each carries what the OCDS export needs) =====

    /// @notice A tender was published and its budget escrowed from the department's treasury.
    /// @param tenderId the new tender.
    /// @param department the procuring department.
    /// @param treasury the department treasury the budget was pulled from (and refunds go back to).
    /// @param publishedBy the official who published it.
    /// @param params everything published, as given.
    event TenderPublished(
        uint256 indexed tenderId,
        uint32 indexed department,
        address indexed treasury,
        address publishedBy,
        PublishParams params
    );
    /// @notice The procuring department amended a tender before its commit deadline.
    /// @param tenderId the tender.
    /// @param amendment the amendment's number (1, 2, ...).
    /// @param documentsDigest hash of the amended documents.
    /// @param commitDeadline the commit deadline now.
    /// @param revealDeadline the reveal deadline now.
    /// @param by the official who amended it.
    event TenderAmended(
        uint256 indexed tenderId,
        uint16 amendment,
        bytes32 documentsDigest,
        uint48 commitDeadline,
        uint48 revealDeadline,
        address by
    );
    /// @notice A sealed bid was committed. A first commit (`replaced` false) moved the tender's bid bond from
    /// the bidder's credit into the tender; a replacement moves nothing.
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    /// @param commitment the sealed commitment.
    /// @param sequence the commitment's number in the tender (1, 2, ...).
    /// @param replaced whether it replaced the bidder's earlier commitment.
    event BidCommitted(uint256 indexed tenderId, address indexed bidder, bytes32 commitment, uint32 sequence, bool replaced);
    /// @notice A bidder withdrew a bid committed before an amendment; its bond was credited back.
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    event BidWithdrawn(uint256 indexed tenderId, address indexed bidder);
    /// @notice A bid was revealed.
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    /// @param price the revealed price.
    event BidRevealed(uint256 indexed tenderId, address indexed bidder, uint256 price);
    /// @notice The bonds of the `count` live bids never revealed were forfeited to the department's treasury
    /// (at award, or at a cancellation after the commit deadline).
    /// @param tenderId the tender.
    /// @param count how many bonds were forfeited.
    /// @param amount their total, credited to the treasury.
    event BondsForfeited(uint256 indexed tenderId, uint256 count, uint256 amount);
    /// @notice The tender was awarded (or re-awarded after an upheld complaint).
    /// @param tenderId the tender.
    /// @param winner the winning bidder.
    /// @param price its price.
    /// @param awardedAt when.
    /// @param complaintDeadline bidders may complain until this time.
    event TenderAwarded(uint256 indexed tenderId, address indexed winner, uint256 price, uint48 awardedAt, uint48 complaintDeadline);
    /// @notice At a re-award after an upheld complaint, the new winner's performance bond was taken from its
    /// credit (at a first award the winner's bid bond, already held, simply becomes the performance bond).
    /// @param tenderId the tender.
    /// @param supplier the new winner.
    /// @param amount the bond, now held by the escrow until completion or termination.
    event PerformanceBondPosted(uint256 indexed tenderId, address indexed supplier, uint256 amount);
    /// @notice At a re-award, the next-ranked eligible bidder was passed over because its credit could not
    /// cover the performance bond.
    /// @param tenderId the tender.
    /// @param bidder the bidder passed over.
    /// @param credit its credit.
    /// @param bond the performance bond it would have had to post.
    event BidderPassedOver(uint256 indexed tenderId, address indexed bidder, uint256 credit, uint256 bond);
    /// @notice No bid could win: the budget was credited back to the treasury.
    /// @param tenderId the tender.
    event TenderFailed(uint256 indexed tenderId);
    /// @notice A bidder complained about the award; the tender is held until the complaint is decided or lapses.
    /// @param tenderId the tender.
    /// @param complaintId the complaint's index in `complaintsOf`.
    /// @param by the bidder.
    /// @param digest hash of the complaint's text.
    /// @param resolveBy the supervising department must decide before this time.
    event ComplaintFiled(uint256 indexed tenderId, uint256 indexed complaintId, address indexed by, bytes32 digest, uint48 resolveBy);
    /// @notice The supervising department decided a complaint.
    /// @param tenderId the tender.
    /// @param complaintId the complaint.
    /// @param upheld true: the award was cancelled and re-made from the ranking; false: dismissed.
    /// @param by the supervising official.
    /// @param resolutionDigest hash of the decision.
    event ComplaintResolved(
        uint256 indexed tenderId,
        uint256 indexed complaintId,
        bool upheld,
        address indexed by,
        bytes32 resolutionDigest
    );
    /// @notice A complaint was not decided in time: it lapsed and the award stands.
    /// @param tenderId the tender.
    /// @param complaintId the complaint.
    /// @param resolveBy the time limit that passed.
    event ComplaintLapsed(uint256 indexed tenderId, uint256 indexed complaintId, uint48 resolveBy);
    /// @notice The award became final and the contract started; budget above the price went back to the treasury.
    /// @param tenderId the tender.
    /// @param supplier the winner.
    /// @param price the contract price.
    /// @param budgetReturned what was credited back to the treasury.
    event ContractStarted(uint256 indexed tenderId, address indexed supplier, uint256 price, uint256 budgetReturned);
    /// @notice The supplier delivered a milestone.
    /// @param tenderId the tender.
    /// @param milestone the milestone's index.
    /// @param deliveryDigest hash of the delivery.
    event MilestoneDelivered(uint256 indexed tenderId, uint8 indexed milestone, bytes32 deliveryDigest);
    /// @notice An official of the accepting department accepted a milestone; `amount` was credited to the supplier.
    /// @param tenderId the tender.
    /// @param milestone the milestone's index.
    /// @param by the accepting official.
    /// @param amount the payment.
    event MilestoneAccepted(uint256 indexed tenderId, uint8 indexed milestone, address indexed by, uint256 amount);
    /// @notice An official of the accepting department rejected a delivery; the supplier may deliver again.
    /// @param tenderId the tender.
    /// @param milestone the milestone's index.
    /// @param by the official.
    /// @param reasonCode why.
    /// @param commentDigest hash of the comments.
    event MilestoneRejected(uint256 indexed tenderId, uint8 indexed milestone, address indexed by, uint16 reasonCode, bytes32 commentDigest);
    /// @notice Every milestone was accepted: the contract is complete and the performance bond released.
    /// @param tenderId the tender.
    /// @param totalPaid what the supplier was paid in all (the price).
    event TenderCompleted(uint256 indexed tenderId, uint256 totalPaid);
    /// @notice The tender was cancelled before award (by the procuring department before the commit deadline,
    /// by the supervising department after the reveal deadline).
    /// @param tenderId the tender.
    /// @param by the official who cancelled.
    /// @param reasonCode why (never 0).
    event TenderCancelled(uint256 indexed tenderId, address indexed by, uint16 reasonCode);
    /// @notice The procuring department or the supplier proposed mutual termination.
    /// @param tenderId the tender.
    /// @param by who proposed it.
    event TerminationProposed(uint256 indexed tenderId, address indexed by);
    /// @notice Both sides agreed: the contract was terminated.
    /// @param tenderId the tender.
    /// @param totalPaid what the supplier had been paid.
    /// @param budgetReturned what went back to the treasury.
    event TenderTerminated(uint256 indexed tenderId, uint256 totalPaid, uint256 budgetReturned);
    /// @notice `account` may now withdraw `amount` more.
    /// @param account who is owed.
    /// @param tenderId the tender it comes from.
    /// @param amount how much.
    /// @param reason why ("budget refund", "bond refund", "bond forfeited", "performance bond", "milestone payment").
    event Credited(address indexed account, uint256 indexed tenderId, uint256 amount, bytes32 reason);
    /// @notice `account` withdrew its whole credit.
    /// @param account who.
    /// @param amount how much.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice `account` paid `amount` in, credited to it to back its bid bonds (or to be withdrawn).
    /// @param account who.
    /// @param amount how much.
    event BondDeposited(address indexed account, uint256 amount);
    /// @notice The department whose officials decide complaints changed (0: none).
    /// @param departmentId the supervising department.
    event SupervisingDepartmentSet(uint32 indexed departmentId);
    /// @notice The time limit for deciding a complaint changed; it applies to complaints filed from now on.
    /// @param period the new limit, in seconds.
    event ComplaintResolutionPeriodSet(uint48 period);

    // ===== ERRORS =====

    /// @notice Only an acting official (or head) of a department may publish a tender; `caller` is none.
    /// @param caller the account that tried.
    error TenderNotOfficial(address caller);
    /// @notice Only officials of department `expected` may do this for tender `tenderId`; `caller` is not one.
    /// @param tenderId the tender.
    /// @param expected the department that may act.
    /// @param caller the account that tried.
    error TenderWrongDepartment(uint256 tenderId, uint32 expected, address caller);
    /// @notice Only an acting official of the supervising department may do this; `caller` is not one.
    /// @param caller the account that tried.
    error TenderNotSupervisor(address caller);
    /// @notice There is no tender `tenderId`.
    /// @param tenderId the id asked for.
    error TenderUnknown(uint256 tenderId);
    /// @notice Tender `tenderId` is in `state`, where this action is not possible.
    /// @param tenderId the tender.
    /// @param state its current state.
    error TenderWrongState(uint256 tenderId, TenderState state);
    /// @notice A tender needs a budget above zero.
    error TenderZeroBudget();
    /// @notice `amount` is more than the escrow accepts (`max`).
    /// @param amount the amount given.
    /// @param max the largest accepted.
    error TenderAmountTooLarge(uint256 amount, uint256 max);
    /// @notice The schedule is not in order: the commit deadline must be in the future (and never earlier
    /// than before an amendment), the reveal deadline after it, and the complaint window above zero.
    /// @param commitDeadline the commit deadline given.
    /// @param revealDeadline the reveal deadline given.
    /// @param complaintWindow the complaint window (seconds).
    error TenderInvalidSchedule(uint48 commitDeadline, uint48 revealDeadline, uint48 complaintWindow);
    /// @notice The commit deadline is too far away: it may be at most 365 days from now (`latest`).
    /// @param commitDeadline the commit deadline given.
    /// @param latest the latest allowed.
    error TenderCommitPeriodTooLong(uint48 commitDeadline, uint48 latest);
    /// @notice The reveal deadline is too far after the commit deadline: at most 365 days (`latest`).
    /// @param revealDeadline the reveal deadline given.
    /// @param latest the latest allowed.
    error TenderRevealPeriodTooLong(uint48 revealDeadline, uint48 latest);
    /// @notice The complaint window is too long: at most `max` seconds (365 days).
    /// @param complaintWindow the window given, in seconds.
    /// @param max the longest allowed.
    error TenderComplaintWindowTooLong(uint48 complaintWindow, uint48 max);
    /// @notice The milestones are not valid: 1 to 20, one description each, no zero share, shares summing
    /// to 10,000 basis points.
    /// @param count how many shares were given.
    /// @param totalBps their sum.
    error TenderInvalidMilestones(uint256 count, uint256 totalBps);
    /// @notice Department `departmentId` is not registered (or, as accepting department, not active).
    /// @param departmentId the department given.
    error TenderUnknownDepartment(uint32 departmentId);
    /// @notice There is no licence type `licenseTypeId`.
    /// @param licenseTypeId the licence type given.
    error TenderUnknownLicenseType(uint32 licenseTypeId);
    /// @notice The payment token delivered `received` where `expected` was sent (fee-on-transfer tokens are
    /// not supported).
    /// @param expected what was sent.
    /// @param received what arrived.
    error TenderFeeOnTransfer(uint256 expected, uint256 received);
    /// @notice The commit phase of tender `tenderId` ended at `commitDeadline`.
    /// @param tenderId the tender.
    /// @param commitDeadline when it ended.
    error TenderCommitClosed(uint256 tenderId, uint48 commitDeadline);
    /// @notice `bidder` holds no valid licence of type `licenseTypeId`, which this tender requires.
    /// @param bidder the account.
    /// @param licenseTypeId the licence type required.
    error TenderNotLicensed(address bidder, uint32 licenseTypeId);
    /// @notice A commitment cannot be zero.
    error TenderZeroCommitment();
    /// @notice Tender `tenderId` already has `max` live bids.
    /// @param tenderId the tender.
    /// @param max the cap.
    error TenderTooManyBidders(uint256 tenderId, uint256 max);
    /// @notice `bidder` has no live bid in tender `tenderId`.
    /// @param tenderId the tender.
    /// @param bidder the account.
    error TenderNoBid(uint256 tenderId, address bidder);
    /// @notice A bid may be withdrawn only if the tender was amended after it was committed.
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    error TenderNoAmendmentSinceBid(uint256 tenderId, address bidder);
    /// @notice Reveals open at the commit deadline, `commitDeadline`.
    /// @param tenderId the tender.
    /// @param commitDeadline when reveals open.
    error TenderRevealNotOpen(uint256 tenderId, uint48 commitDeadline);
    /// @notice The reveal phase ended at `revealDeadline`.
    /// @param tenderId the tender.
    /// @param revealDeadline when it ended.
    error TenderRevealClosed(uint256 tenderId, uint48 revealDeadline);
    /// @notice `bidder` has already revealed its bid.
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    error TenderAlreadyRevealed(uint256 tenderId, address bidder);
    /// @notice The price and salt do not match `bidder`'s sealed commitment.
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    error TenderCommitmentMismatch(uint256 tenderId, address bidder);
    /// @notice The tender can be awarded only after the reveal deadline, `revealDeadline`.
    /// @param tenderId the tender.
    /// @param revealDeadline when the reveal phase ends.
    error TenderRevealNotOver(uint256 tenderId, uint48 revealDeadline);
    /// @notice The complaint window closed at `complaintDeadline`.
    /// @param tenderId the tender.
    /// @param complaintDeadline when it closed.
    error TenderComplaintWindowClosed(uint256 tenderId, uint48 complaintDeadline);
    /// @notice The award becomes final at `complaintDeadline`; the contract cannot start before.
    /// @param tenderId the tender.
    /// @param complaintDeadline when the complaint window closes.
    error TenderComplaintWindowOpen(uint256 tenderId, uint48 complaintDeadline);
    /// @notice Only the tender's winner may do this; `caller` is not.
    /// @param tenderId the tender.
    /// @param caller the account that tried.
    error TenderNotWinner(uint256 tenderId, address caller);
    /// @notice Tender `tenderId` has no milestone `milestone`.
    /// @param tenderId the tender.
    /// @param milestone the index given.
    error TenderUnknownMilestone(uint256 tenderId, uint8 milestone);
    /// @notice Milestone `milestone` is `state`, where this action is not possible.
    /// @param tenderId the tender.
    /// @param milestone the milestone.
    /// @param state its current state.
    error TenderWrongMilestoneState(uint256 tenderId, uint8 milestone, MilestoneState state);
    /// @notice `by`'s side has already proposed termination.
    /// @param tenderId the tender.
    /// @param by the account that tried again.
    error TenderTerminationAlreadyProposed(uint256 tenderId, address by);
    /// @notice `account` has no credit to withdraw.
    /// @param account the account.
    error TenderNothingToWithdraw(address account);
    /// @notice A page holds 1 to `max` entries; `limit` is outside.
    /// @param limit the page size asked for.
    /// @param max the largest allowed.
    error TenderInvalidLimit(uint256 limit, uint256 max);
    /// @notice A deposit must be above zero.
    error TenderZeroDeposit();
    /// @notice `account`'s credit (`credit`) does not cover the bond (`bond`): deposit more first.
    /// @param account the bidder.
    /// @param credit its credit.
    /// @param bond the bond required.
    error TenderInsufficientCredit(address account, uint256 credit, uint256 bond);
    /// @notice A bid list has `given` entries where the tender has `expected` (revealed bids for a ranking,
    /// live bids for a cancellation).
    /// @param tenderId the tender.
    /// @param given entries given.
    /// @param expected entries required.
    error TenderBidListIncomplete(uint256 tenderId, uint256 given, uint256 expected);
    /// @notice Entry `index` of a bid list is out of order (ranking: ascending price, then sequence;
    /// cancellation: ascending address).
    /// @param tenderId the tender.
    /// @param index the first entry out of order.
    error TenderBidListUnsorted(uint256 tenderId, uint256 index);
    /// @notice `bidder` is listed twice.
    /// @param tenderId the tender.
    /// @param bidder the bidder listed twice.
    error TenderBidListDuplicate(uint256 tenderId, address bidder);
    /// @notice A ranking may list only revealed bids; `bidder`'s is not.
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    error TenderBidNotRevealed(uint256 tenderId, address bidder);
    /// @notice A dismissal re-awards nothing, so it takes no ranking: a non-empty one is a mistake.
    /// @param tenderId the tender.
    /// @param given how many entries were given.
    error TenderRankingOnDismissal(uint256 tenderId, uint256 given);
    /// @notice Tender `tenderId` has been amended the most times allowed (`max`).
    /// @param tenderId the tender.
    /// @param max the most amendments a tender can have.
    error TenderTooManyAmendments(uint256 tenderId, uint256 max);
    /// @notice Tender `tenderId` has run out of commitment numbers (2^32 - 1 commitments).
    /// @param tenderId the tender.
    error TenderTooManyCommitments(uint256 tenderId);
    /// @notice Department `departmentId` has no treasury account: its head must name one in the department
    /// directory (and the treasury approve the escrow) before the department can publish tenders.
    /// @param departmentId the procuring department.
    error TenderNoTreasury(uint32 departmentId);
    /// @notice No supervising department is set, so nobody could decide a complaint: complaints are refused
    /// until the administrator sets one.
    /// @param tenderId the tender.
    error TenderNoSupervisor(uint256 tenderId);
    /// @notice Department `departmentId` supervises complaints and so cannot also be the procuring
    /// department of the tender (it cannot decide complaints about its own procurement).
    /// @param departmentId the department.
    error TenderSupervisorIsProcurer(uint32 departmentId);
    /// @notice `account` bid in tender `tenderId`, so it cannot act on it as an official (accept or reject
    /// deliveries, decide complaints, cancel).
    /// @param tenderId the tender.
    /// @param account the official who bid.
    error TenderBidderConflict(uint256 tenderId, address account);
    /// @notice `bidder` has already filed its one complaint in tender `tenderId`.
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    error TenderAlreadyComplained(uint256 tenderId, address bidder);
    /// @notice The winner cannot complain about its own award.
    /// @param tenderId the tender.
    /// @param winner the winner.
    error TenderWinnerCannotComplain(uint256 tenderId, address winner);
    /// @notice Complaint `complaintId` may still be decided until `resolveBy`; it lapses only then.
    /// @param tenderId the tender.
    /// @param complaintId the complaint.
    /// @param resolveBy when it lapses.
    error TenderComplaintNotLapsed(uint256 tenderId, uint256 complaintId, uint48 resolveBy);
    /// @notice Complaint `complaintId` was not decided before `resolveBy`: it has lapsed and can no longer be
    /// decided (call `lapseComplaint`).
    /// @param tenderId the tender.
    /// @param complaintId the complaint.
    /// @param resolveBy the time limit that passed.
    error TenderComplaintLapsed(uint256 tenderId, uint256 complaintId, uint48 resolveBy);
    /// @notice The complaint resolution period must be between `min` and `max` seconds (1 to 365 days).
    /// @param period the period given.
    /// @param min the shortest allowed.
    /// @param max the longest allowed.
    error TenderInvalidResolutionPeriod(uint48 period, uint48 min, uint48 max);
    /// @notice After the commit deadline the tender can be cancelled only once every bidder has had the whole
    /// reveal phase, which ends at `revealDeadline`.
    /// @param tenderId the tender.
    /// @param revealDeadline when the reveal phase ends.
    error TenderCancelDuringReveal(uint256 tenderId, uint48 revealDeadline);
    /// @notice A cancellation must give a reason code other than 0.
    /// @param tenderId the tender.
    error TenderMissingReason(uint256 tenderId);

    // ===== LIFECYCLE =====

    /// @notice Publishes a tender (an acting official of the procuring department). The budget is pulled at
    /// once from the department's treasury (set by its head in the directory; it must have approved the
    /// escrow), and every later refund, leftover or forfeited bond of the tender is credited back to it.
    /// The supervising department cannot publish (it decides the complaints).
    /// Errors: TenderNotOfficial, TenderSupervisorIsProcurer, TenderNoTreasury, TenderZeroBudget,
    /// TenderAmountTooLarge, TenderInvalidSchedule, TenderCommitPeriodTooLong, TenderRevealPeriodTooLong,
    /// TenderComplaintWindowTooLong, TenderInvalidMilestones, TenderUnknownDepartment,
    /// TenderUnknownLicenseType, TenderFeeOnTransfer.
    /// @param params what is published.
    /// @return tenderId the new tender's id.
    function publish(PublishParams calldata params) external returns (uint256 tenderId);

    /// @notice Amends a tender before its commit deadline (an official of the procuring department): new
    /// documents and/or deadlines that only move later (within the same bounds as at publication). Bids
    /// committed before may then be withdrawn.
    /// Errors: TenderUnknown, TenderWrongState, TenderWrongDepartment, TenderCommitClosed,
    /// TenderInvalidSchedule, TenderCommitPeriodTooLong, TenderRevealPeriodTooLong, TenderTooManyAmendments.
    /// @param tenderId the tender.
    /// @param documentsDigest hash of the amended documents.
    /// @param commitDeadline the new commit deadline (not earlier than the current one).
    /// @param revealDeadline the new reveal deadline (not earlier than the current one, after the commit deadline).
    function amend(uint256 tenderId, bytes32 documentsDigest, uint48 commitDeadline, uint48 revealDeadline) external;

    /// @notice Pays `amount` in (the caller must have approved it) as credit that backs the caller's bid
    /// bonds; what is not used stays withdrawable. Tokens that deliver less than sent are refused.
    /// Errors: TenderZeroDeposit, TenderAmountTooLarge (above 2^128 - 1), TenderFeeOnTransfer.
    /// @param amount how much to deposit.
    function depositBond(uint256 amount) external;

    /// @notice Commits (or replaces) a sealed bid; the first commit in a tender moves the bid bond from the
    /// caller's credit into the tender. At most 64 live bids per tender (a withdrawn bid frees its place).
    /// Errors: TenderUnknown, TenderWrongState, TenderCommitClosed, TenderZeroCommitment, TenderNotLicensed,
    /// TenderTooManyBidders, TenderTooManyCommitments, TenderInsufficientCredit.
    /// @param tenderId the tender.
    /// @param commitment `commitmentOf(tenderId, bidder, price, salt)`.
    function commitBid(uint256 tenderId, bytes32 commitment) external;

    /// @notice Withdraws a bid committed before an amendment, crediting its bond back.
    /// Errors: TenderUnknown, TenderWrongState, TenderCommitClosed, TenderNoBid, TenderNoAmendmentSinceBid.
    /// @param tenderId the tender.
    function withdrawBid(uint256 tenderId) external;

    /// @notice Reveals a bid in the reveal window.
    /// Errors: TenderUnknown, TenderWrongState, TenderRevealNotOpen, TenderRevealClosed, TenderNoBid,
    /// TenderAlreadyRevealed, TenderCommitmentMismatch.
    /// @param tenderId the tender.
    /// @param price the price sealed in the commitment.
    /// @param salt the salt sealed in the commitment.
    function revealBid(uint256 tenderId, uint256 price, bytes32 salt) external;

    /// @notice Awards the tender (anyone, after the reveal deadline): the lowest revealed price within
    /// the budget from a bidder still licensed wins, ties to the earliest commitment. `ranked` lists every
    /// revealed bidder once, in strictly ascending order of (`bidOf(..).price`, `bidOf(..).sequence`);
    /// the escrow checks the order, that each entry revealed and that the count is the tender's
    /// `revealedCount`, so the result does not depend on who builds the list nor on the order of reveals.
    /// Revealed losers' bonds are credited back; the never-revealed bonds go to the treasury
    /// (`BondsForfeited`); the winner's becomes the performance bond. No eligible bid: the tender fails
    /// and the budget goes back to the treasury.
    /// Errors: TenderUnknown, TenderWrongState, TenderRevealNotOver, TenderBidListIncomplete,
    /// TenderBidNotRevealed, TenderBidListUnsorted, TenderBidListDuplicate.
    /// @param tenderId the tender.
    /// @param ranked every revealed bidder, by (price, sequence).
    function award(uint256 tenderId, address[] calldata ranked) external;

    /// @notice A bidder complains about the award in the complaint window; the tender is held until the
    /// supervising department decides or the complaint lapses (`complaintResolutionPeriod` after filing).
    /// One complaint per bidder per tender; the winner cannot complain.
    /// Errors: TenderUnknown, TenderWrongState, TenderComplaintWindowClosed, TenderNoSupervisor,
    /// TenderSupervisorIsProcurer, TenderWinnerCannotComplain, TenderNoBid, TenderAlreadyComplained.
    /// @param tenderId the tender.
    /// @param digest hash of the complaint's text.
    function complain(uint256 tenderId, bytes32 digest) external;

    /// @notice An official of the supervising department (who did not bid in the tender, of a department
    /// other than the procuring one) decides the open complaint before its time limit. Upheld: the winner
    /// is disqualified, its performance bond credited back, and the tender re-awarded from `ranked`, the
    /// same complete ranking as for `award` (the disqualified bidder stays in it and is skipped); the new
    /// winner posts its performance bond from its credit, and a bidder whose credit cannot cover it is
    /// passed over (`BidderPassedOver`). Dismissed (with an empty `ranked`): the award stands.
    /// Errors: TenderUnknown, TenderWrongState, TenderSupervisorIsProcurer, TenderNotSupervisor,
    /// TenderBidderConflict, TenderRankingOnDismissal, TenderComplaintLapsed and the ranking errors of `award`.
    /// @param tenderId the tender.
    /// @param upheld uphold (true) or dismiss (false).
    /// @param resolutionDigest hash of the decision.
    /// @param ranked for an upheld complaint, every revealed bidder by (price, sequence); empty otherwise.
    function resolveComplaint(uint256 tenderId, bool upheld, bytes32 resolutionDigest, address[] calldata ranked)
        external;

    /// @notice Closes a complaint that was not decided in time (anyone, from its `resolveBy`): it lapses,
    /// the award stands and the tender proceeds.
    /// Errors: TenderUnknown, TenderWrongState, TenderComplaintNotLapsed.
    /// @param tenderId the tender.
    function lapseComplaint(uint256 tenderId) external;

    /// @notice Starts the contract once the complaint window has passed (anyone): budget above the
    /// price is credited back to the treasury. A first delivery does the same implicitly.
    /// Errors: TenderUnknown, TenderWrongState, TenderComplaintWindowOpen.
    /// @param tenderId the tender.
    function startContract(uint256 tenderId) external;

    /// @notice The winner delivers a milestone (starting the contract first if its award has become final).
    /// Errors: TenderUnknown, TenderWrongState, TenderComplaintWindowOpen, TenderNotWinner,
    /// TenderUnknownMilestone, TenderWrongMilestoneState.
    /// @param tenderId the tender.
    /// @param milestone the milestone's index.
    /// @param deliveryDigest hash of the delivery.
    function deliverMilestone(uint256 tenderId, uint8 milestone, bytes32 deliveryDigest) external;

    /// @notice An official of the accepting department (who did not bid in the tender) accepts a delivered
    /// milestone: its share of the price is credited to the supplier; the last acceptance pays the rest of
    /// the price, completes the tender and releases the performance bond.
    /// Errors: TenderUnknown, TenderWrongState, TenderComplaintWindowOpen, TenderWrongDepartment,
    /// TenderBidderConflict, TenderUnknownMilestone, TenderWrongMilestoneState.
    /// @param tenderId the tender.
    /// @param milestone the milestone's index.
    function acceptMilestone(uint256 tenderId, uint8 milestone) external;

    /// @notice An official of the accepting department (who did not bid in the tender) rejects a delivery;
    /// the supplier may deliver again.
    /// Errors: as `acceptMilestone`.
    /// @param tenderId the tender.
    /// @param milestone the milestone's index.
    /// @param reasonCode why.
    /// @param commentDigest hash of the comments.
    function rejectMilestone(uint256 tenderId, uint8 milestone, uint16 reasonCode, bytes32 commentDigest) external;

    /// @notice Cancels an open tender, with a reason. Before the commit deadline (prices still sealed): an
    /// official of the procuring department, and every bond is credited back. From the commit deadline on,
    /// only an official of the supervising department (not the procuring one, and who did not bid), once
    /// the reveal deadline has passed: revealed bids' bonds are credited back, unrevealed bids' bonds are
    /// forfeited to the treasury (`BondsForfeited`). The budget goes back to the treasury either way.
    /// Errors: TenderUnknown, TenderWrongState, TenderMissingReason, TenderWrongDepartment,
    /// TenderSupervisorIsProcurer, TenderNotSupervisor, TenderBidderConflict, TenderCancelDuringReveal,
    /// TenderBidListIncomplete, TenderBidListUnsorted, TenderBidListDuplicate, TenderNoBid.
    /// @param tenderId the tender.
    /// @param reasonCode why (not 0).
    /// @param bidders every live bid's bidder once (`bidCount` entries), in strictly ascending address order.
    function cancel(uint256 tenderId, uint16 reasonCode, address[] calldata bidders) external;

    /// @notice Mutual termination after award: the procuring department and the supplier each call it;
    /// the second call terminates. Nothing more is paid; the rest of the budget returns to the treasury
    /// and the performance bond to the supplier.
    /// Errors: TenderUnknown, TenderWrongState, TenderWrongDepartment, TenderTerminationAlreadyProposed.
    /// @param tenderId the tender.
    function proposeTermination(uint256 tenderId) external;

    /// @notice Withdraws all of the caller's credits. Never paused.
    /// Errors: TenderNothingToWithdraw.
    function withdraw() external;

    /// @notice Sets the department whose officials decide complaints (administrator only). A department
    /// never decides complaints about its own tenders: those of the new supervising department get none
    /// (TenderSupervisorIsProcurer) until another one is set.
    /// Errors: TenderUnknownDepartment.
    /// @param departmentId a registered department.
    function setSupervisingDepartment(uint32 departmentId) external;

    /// @notice Sets the time limit for deciding a complaint (administrator only), 1 to 365 days; complaints
    /// already filed keep theirs.
    /// Errors: TenderInvalidResolutionPeriod.
    /// @param period the limit, in seconds.
    function setComplaintResolutionPeriod(uint48 period) external;

    // ===== VIEWS =====

    /// @notice The sealed commitment of a bid: binds the tender, the bidder, the chain and this escrow.
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    /// @param price the price.
    /// @param salt a secret random value.
    /// @return the commitment to pass to `commitBid`.
    function commitmentOf(uint256 tenderId, address bidder, uint256 price, bytes32 salt) external view returns (bytes32);

    /// @notice A tender. Errors: TenderUnknown.
    /// @param tenderId the tender.
    /// @return the tender.
    function getTender(uint256 tenderId) external view returns (TenderView memory);

    /// @notice A tender's milestones, in order. Errors: TenderUnknown.
    /// @param tenderId the tender.
    /// @return the milestones.
    function milestonesOf(uint256 tenderId) external view returns (Milestone[] memory);

    /// @notice `bidder`'s bid in a tender (all zero if none).
    /// @param tenderId the tender.
    /// @param bidder the bidder.
    /// @return the bid.
    function bidOf(uint256 tenderId, address bidder) external view returns (Bid memory);

    /// @notice A tender's complaints, oldest first (empty for an unknown tender).
    /// @param tenderId the tender.
    /// @return the complaints.
    function complaintsOf(uint256 tenderId) external view returns (Complaint[] memory);

    /// @notice What `account` can withdraw.
    /// @param account the account.
    /// @return its credit.
    function creditOf(address account) external view returns (uint256);

    /// @notice Everything the escrow owes: credits not yet withdrawn plus value held for tenders (it only
    /// grows with tokens paid in and shrinks with withdrawals).
    /// @return the total owed.
    function obligations() external view returns (uint256);

    /// @notice How many tenders were published (ids run from 1 to this number).
    /// @return the count.
    function tenderCount() external view returns (uint256);

    /// @notice Up to `limit` (1 to 200) of a department's tender ids, from the `offset`-th, oldest first.
    /// Errors: TenderInvalidLimit.
    /// @param departmentId the procuring department.
    /// @param offset how many to skip.
    /// @param limit page size.
    /// @return the tender ids.
    function tendersOf(uint32 departmentId, uint256 offset, uint256 limit) external view returns (uint256[] memory);

    /// @notice Tenders in `state`, scanning ids from `cursor` (0: from the first), at most 8 × `limit` ids
    /// per call. Errors: TenderInvalidLimit (1 to 200).
    /// @param state the state looked for.
    /// @param cursor where to start (0 or a `next` from an earlier call).
    /// @param limit the most ids to return.
    /// @return ids the matching tender ids.
    /// @return next where to continue (0: done).
    function tendersByState(TenderState state, uint256 cursor, uint256 limit)
        external
        view
        returns (uint256[] memory ids, uint256 next);

    /// @notice The department whose officials decide complaints (0: none set, complaints are refused).
    /// @return the department id.
    function supervisingDepartment() external view returns (uint32);

    /// @notice The time limit for deciding a complaint, in seconds.
    /// @return the period.
    function complaintResolutionPeriod() external view returns (uint48);

    /// @notice The ERC-20 token budgets, bonds and payments are in.
    /// @return the token's address.
    function paymentToken() external view returns (address);
}
