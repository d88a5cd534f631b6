// SPDX-License-Identifier: Apache-2.0
// Test names follow testFuzz_<function>_<property> and invariant_<property>; the fixture, the handler
// (with its ghost model) and the tests share this file.
/* solhint-disable func-name-mixedcase, one-contract-per-file */
pragma solidity ^0.8.24;

// Tests read block.timestamp to steer and check time (vm.warp): that is their job, not business logic.
// solhint-disable not-rely-on-time

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {DepartmentDirectory} from "../contracts/authority/DepartmentDirectory.sol";
import {GovchainAccessManager} from "../contracts/authority/GovchainAccessManager.sol";
import {IDepartmentDirectory} from "../contracts/interfaces/IDepartmentDirectory.sol";
import {ILicenseRegistry} from "../contracts/interfaces/ILicenseRegistry.sol";
import {ITenderEscrow} from "../contracts/interfaces/ITenderEscrow.sol";
import {DepartmentRoles} from "../contracts/libraries/DepartmentRoles.sol";
import {LicenseRegistry} from "../contracts/licensing/LicenseRegistry.sol";
import {LicenseToken} from "../contracts/licensing/LicenseToken.sol";
import {TestStablecoin} from "../contracts/mocks/TestStablecoin.sol";
import {TenderEscrow} from "../contracts/procurement/TenderEscrow.sol";

import {Test} from "./utils/Test.sol";

/// @dev The storage cheatcodes this file needs (the project's Vm interface does not declare them).
interface IVmStorage {
    function load(address target, bytes32 slot) external view returns (bytes32);
    function store(address target, bytes32 slot, bytes32 value) external;
}

/// @dev The time of deployment.
uint48 constant T0 = 1_700_000_000;
/// @dev The procuring, accepting, supervising and licence-issuing departments.
uint32 constant PROCURING = 1;
uint32 constant ACCEPTING = 2;
uint32 constant SUPERVISING = 3;
uint32 constant LICENSING = 4;
/// @dev The time the supervising department has to decide a complaint (short, so the fuzzer sees lapses).
uint48 constant RESOLUTION_PERIOD = 2 days;
/// @dev Licensed suppliers in the fixture.
uint256 constant SUPPLIERS = 6;
/// @dev The suppliers the invariant handler uses (the first ones), and with the procuring department's
/// treasury, everyone the escrow can owe a credit to in the invariant test.
uint256 constant HANDLER_SUPPLIERS = 4;
uint256 constant HANDLER_ACTORS = HANDLER_SUPPLIERS + 1;
/// @dev What every supplier and the procuring department's treasury are minted (and have approved to the
/// escrow).
uint256 constant FUNDS = 1e30;
uint256 constant BPS = 10_000;

/// @dev Everything the handler needs from the fixture.
struct TenderSetup {
    TenderEscrow escrow;
    TestStablecoin token;
    LicenseRegistry licenses;
    uint32 licenseType;
    address procurer;
    address treasury;
    address acceptor;
    address supervisor;
    address licensingOfficial;
    address[SUPPLIERS] suppliers;
}

/// @dev The commitment of a sealed bid, computed here (not read from the escrow) so that the tests also
/// check the escrow's `commitmentOf`.
function sealedBid(address escrow, uint256 tenderId, address bidder, uint256 price, bytes32 salt) view returns (bytes32) {
    return keccak256(abi.encode(tenderId, bidder, price, salt, block.chainid, escrow));
}

/// @dev Splits 10,000 bps into `count` non-zero shares chosen by `seed`.
function splitShares(uint256 count, uint256 seed) pure returns (uint16[] memory shares) {
    shares = new uint16[](count);
    uint256 remaining = BPS;
    for (uint256 i = 0; i + 1 < count; ++i) {
        // Leave at least 1 bps for each later milestone.
        uint256 room = remaining - (count - 1 - i);
        uint256 share = 1 + (uint256(keccak256(abi.encode(seed, i))) % room);
        shares[i] = uint16(share);
        remaining -= share;
    }
    shares[count - 1] = uint16(remaining);
}

/// @dev Publication parameters with the fixture's accepting department and licence type.
function tenderParams(
    uint256 budget,
    uint256 bond,
    uint48 commitDeadline,
    uint48 revealDeadline,
    uint48 complaintWindow,
    uint16[] memory shares,
    uint32 licenseType
) pure returns (ITenderEscrow.PublishParams memory p) {
    p.documentsDigest = keccak256("tender documents");
    p.metadataURI = "ipfs://tender";
    p.category = "works";
    p.budget = budget;
    p.bidBond = bond;
    p.commitDeadline = commitDeadline;
    p.revealDeadline = revealDeadline;
    p.complaintWindow = complaintWindow;
    p.acceptingDepartment = ACCEPTING;
    p.licenseTypeId = licenseType;
    p.milestoneSharesBps = shares;
    p.milestoneDigests = new bytes32[](shares.length);
    for (uint256 i = 0; i < shares.length; ++i) {
        p.milestoneDigests[i] = keccak256(abi.encode("milestone", i));
    }
}

/// @notice Deploys the authority (four departments with one official each), the licence registry with a
/// one-department supplier licence type, the payment token and the escrow (its public entry points
/// opened to everyone, as the Ignition module does), names and funds the procuring department's
/// treasury, and licenses and funds `SUPPLIERS` suppliers. The test contract is the platform administrator.
abstract contract TenderFixture is Test {
    uint64 internal constant LICENCE_VALIDITY = 5 * 365 days;

    GovchainAccessManager internal manager;
    DepartmentDirectory internal directory;
    LicenseRegistry internal licenses;
    TestStablecoin internal token;
    TenderEscrow internal escrow;
    uint32 internal licenseType;
    address internal procurer;
    address internal treasury;
    address internal acceptor;
    address internal supervisor;
    address internal licensingOfficial;
    address[SUPPLIERS] internal suppliers;

    function _deploy() internal {
        vm.warp(T0);
        manager = new GovchainAccessManager(address(this), 0);
        directory = new DepartmentDirectory(address(manager));
        manager.setDepartmentDirectory(address(directory));
        procurer = _department("PROC", "procuring official", PROCURING);
        acceptor = _department("ACCEPT", "accepting official", ACCEPTING);
        supervisor = _department("SUPERVISE", "supervising official", SUPERVISING);
        licensingOfficial = _department("LICENCE", "licensing official", LICENSING);

        licenses = new LicenseRegistry(address(manager), IDepartmentDirectory(address(directory)));
        licenses.setToken(new LicenseToken(address(licenses)));
        uint32[] memory required = new uint32[](1);
        required[0] = LICENSING;
        licenseType = licenses.registerLicenseType(
            "SUPPLIER",
            "Government supplier",
            LICENSING,
            required,
            LICENCE_VALIDITY,
            false,
            new uint32[](0)
        );

        token = new TestStablecoin();
        escrow = new TenderEscrow(
            address(manager),
            IDepartmentDirectory(address(directory)),
            ILicenseRegistry(address(licenses)),
            IERC20(address(token)),
            SUPERVISING,
            RESOLUTION_PERIOD
        );
        _openToPublic();
        treasury = makeAddr("procuring treasury");
        vm.prank(makeAddr("head PROC"));
        directory.setTreasury(PROCURING, treasury);
        _fund(treasury);
        for (uint256 i = 0; i < SUPPLIERS; ++i) {
            suppliers[i] = makeAddr(string.concat("supplier ", Strings.toString(i)));
            _grantLicence(suppliers[i]);
            _fund(suppliers[i]);
        }
    }

    function _setup() internal view returns (TenderSetup memory s) {
        s.escrow = escrow;
        s.token = token;
        s.licenses = licenses;
        s.licenseType = licenseType;
        s.procurer = procurer;
        s.treasury = treasury;
        s.acceptor = acceptor;
        s.supervisor = supervisor;
        s.licensingOfficial = licensingOfficial;
        s.suppliers = suppliers;
    }

    /// @dev Maps the public entry points (lib/access.ts) to PUBLIC_ROLE, as the Ignition modules do: the
    /// escrow's, the directory's `setTreasury` and the licence registry's used here.
    function _openToPublic() private {
        bytes4[] memory tender = new bytes4[](16);
        tender[0] = TenderEscrow.publish.selector;
        tender[1] = TenderEscrow.amend.selector;
        tender[2] = TenderEscrow.depositBond.selector;
        tender[3] = TenderEscrow.commitBid.selector;
        tender[4] = TenderEscrow.withdrawBid.selector;
        tender[5] = TenderEscrow.revealBid.selector;
        tender[6] = TenderEscrow.award.selector;
        tender[7] = TenderEscrow.complain.selector;
        tender[8] = TenderEscrow.resolveComplaint.selector;
        tender[9] = TenderEscrow.lapseComplaint.selector;
        tender[10] = TenderEscrow.startContract.selector;
        tender[11] = TenderEscrow.deliverMilestone.selector;
        tender[12] = TenderEscrow.acceptMilestone.selector;
        tender[13] = TenderEscrow.rejectMilestone.selector;
        tender[14] = TenderEscrow.cancel.selector;
        tender[15] = TenderEscrow.proposeTermination.selector;
        uint64 everyone = manager.PUBLIC_ROLE();
        manager.setTargetFunctionRole(address(escrow), tender, everyone);
        bytes4[] memory directoryFunctions = new bytes4[](1);
        directoryFunctions[0] = DepartmentDirectory.setTreasury.selector;
        manager.setTargetFunctionRole(address(directory), directoryFunctions, everyone);
        bytes4[] memory licensing = new bytes4[](3);
        licensing[0] = LicenseRegistry.submit.selector;
        licensing[1] = LicenseRegistry.approve.selector;
        licensing[2] = LicenseRegistry.revoke.selector;
        manager.setTargetFunctionRole(address(licenses), licensing, everyone);
    }

    /// @dev Registers department `expectedId`, appoints its head and (by the head) one official, returned.
    function _department(string memory code, string memory officialName, uint32 expectedId)
        private
        returns (address official)
    {
        uint32 id = directory.registerDepartment(code, "", code, "");
        assertEq(id, expectedId, "department id");
        address head = makeAddr(string.concat("head ", code));
        manager.grantRole(DepartmentRoles.headRole(id), head, 0);
        official = makeAddr(officialName);
        vm.prank(head);
        manager.grantRole(DepartmentRoles.officialRole(id), official, 0);
    }

    /// @dev A supplier licence: the supplier applies, the licensing department's official approves.
    function _grantLicence(address supplier) internal {
        bytes32[] memory documents = new bytes32[](1);
        documents[0] = keccak256(abi.encode("articles", supplier));
        vm.prank(supplier);
        uint256 applicationId = licenses.submit(licenseType, keccak256(abi.encode("USCC", supplier)), documents);
        vm.prank(licensingOfficial);
        licenses.approve(applicationId, keccak256("ok"));
    }

    function _revokeLicence(address supplier) internal {
        uint256 licenseId = licenses.licenseOf(supplier, licenseType);
        vm.prank(licensingOfficial);
        licenses.revoke(licenseId, 1);
    }

    function _fund(address account) private {
        token.mint(account, FUNDS);
        vm.prank(account);
        token.approve(address(escrow), type(uint256).max);
    }
}

// =====================================================================================================
// Invariant handler and ghost model
// =====================================================================================================

/// @notice The invariant fuzzer's target (only `act`). It drives up to three tenders with four licensed
/// suppliers, the procuring official (funded by its department's treasury, which gets every refund),
/// the accepting official, the supervisor and the licensing official, and keeps a ghost model of every tender, bid and credit that it updates by its
/// own rules (never from the escrow's views).
/// @dev Each action first predicts from the model whether the call must succeed (right state, phase,
/// caller, milestone, licence, credit…), then makes it inside try/catch. A call whose outcome differs
/// from the prediction, or an escrow view that disagrees with the model after a call, sets `unexpected`
/// with the first reason and the trail of the last calls. The handler itself never reverts, so the
/// invariants run with `failOnRevert = true`.
///
/// A fuzzed call is one `act`, whose `choice` picks what happens by weight: mostly the next plausible
/// step of a live tender (so that a random sequence of 64 calls gets through commit, reveal, award,
/// complaints, delivery and acceptance), and often any action on any tender from any party (which
/// exercises the reverts). Time is kept in `currentTime` and re-applied at the start of every call;
/// scheduled steps never jump over another live tender's deadline (only the warp action does).
contract TenderHandler is Test {
    uint256 internal constant MAX_TENDERS = 3;
    uint256 internal constant BIDDERS = HANDLER_SUPPLIERS;
    uint256 internal constant MAX_MILESTONES = 3;
    uint256 internal constant ACTORS = HANDLER_ACTORS;
    uint256 internal constant MAX_BIDDERS = 64;
    uint256 internal constant TRAIL = 12;

    uint256 private constant _OPEN = 1 << uint8(ITenderEscrow.TenderState.Open);
    uint256 private constant _AWARDED = 1 << uint8(ITenderEscrow.TenderState.Awarded);
    uint256 private constant _DISPUTED = 1 << uint8(ITenderEscrow.TenderState.Disputed);
    uint256 private constant _ACTIVE = 1 << uint8(ITenderEscrow.TenderState.Active);
    uint256 private constant _LIVE = _OPEN | _AWARDED | _DISPUTED | _ACTIVE;

    struct Failure {
        bool happened;
        string reason;
    }

    struct ModelBid {
        /// @dev Order of the latest commitment (0: no bid, or withdrawn).
        uint32 sequence;
        uint16 amendmentsSeen;
        bool revealed;
        bool bondHeld;
        bool disqualified;
        bool complained;
        /// @dev Ever bid in the tender (kept after a withdrawal).
        bool everBid;
        uint256 committedPrice;
        bytes32 salt;
        uint256 price;
    }

    struct ModelTender {
        ITenderEscrow.TenderState state;
        uint48 commitDeadline;
        uint48 revealDeadline;
        uint48 complaintWindow;
        uint48 awardedAt;
        /// @dev The open complaint's time limit (Disputed only).
        uint48 resolveBy;
        uint16 amendments;
        uint8 milestoneCount;
        uint8 acceptedCount;
        bool hasWinner;
        uint8 winnerIndex;
        bool terminationByDepartment;
        bool terminationBySupplier;
        uint256 budget;
        uint256 bond;
        uint256 escrow;
        uint256 performanceBond;
        uint256 price;
        uint256 paid;
        /// @dev Entries in the escrow's bidder list (a withdrawn bid leaves it).
        uint256 bidderSlots;
        uint16[MAX_MILESTONES] shares;
        ITenderEscrow.MilestoneState[MAX_MILESTONES] milestones;
    }

    TenderEscrow private immutable _escrow;
    TestStablecoin private immutable _token;
    LicenseRegistry private immutable _licenses;
    uint32 private immutable _licenseType;
    address private immutable _procurer;
    address private immutable _treasury;
    address private immutable _acceptor;
    address private immutable _supervisor;
    address private immutable _licensingOfficial;
    address[BIDDERS] private _suppliers;

    uint48 public currentTime;
    uint256 public tenderCount;
    mapping(uint256 tenderId => ModelTender) private _tenders;
    mapping(uint256 tenderId => mapping(uint256 supplier => ModelBid)) private _bids;
    bool[BIDDERS] public licensed;
    uint32 private _sequence;

    /// @notice Ghost credits: what each account may withdraw, by the model.
    mapping(address account => uint256) public ghostCredits;
    uint256 public ghostTotalCredits;

    /// @notice The state each tender was last seen in (read from the escrow after every call).
    mapping(uint256 tenderId => ITenderEscrow.TenderState) public lastSeen;
    /// @notice A state that moved backwards (the first one).
    Failure public backwards;
    /// @notice A call whose outcome, or an escrow view that, differed from the model (the first one).
    Failure public unexpected;

    /// @notice Calls per action that succeeded as predicted, and (under "<action>: refused") that reverted
    /// as predicted: to check that the fuzzer reaches them all.
    mapping(string action => uint256) public hits;

    /// @dev The last TRAIL calls, for failure messages.
    string[TRAIL] private _trail;
    uint256 private _calls;

    modifier step() {
        vm.warp(currentTime);
        _;
        _sync();
    }

    constructor(TenderSetup memory s) {
        _escrow = s.escrow;
        _token = s.token;
        _licenses = s.licenses;
        _licenseType = s.licenseType;
        _procurer = s.procurer;
        _treasury = s.treasury;
        _acceptor = s.acceptor;
        _supervisor = s.supervisor;
        _licensingOfficial = s.licensingOfficial;
        for (uint256 i = 0; i < BIDDERS; ++i) {
            _suppliers[i] = s.suppliers[i];
            licensed[i] = true;
        }
        currentTime = uint48(block.timestamp);
    }

    // ===== ENTRY POINTS =====

    /// @notice One fuzzed step. `choice % 100` picks: below 4 publish (if fewer than two tenders are
    /// live); below 68 the next plausible step of
    /// a live tender; below 84 any tender action on any tender by any party (often must revert); below
    /// 90 a withdrawal; below 93 a licence revocation or renewal; else a time warp.
    function act(uint256 choice, uint256 tenderSeed, uint256 seed, bytes32 salt) external step {
        uint256 c = choice % 100;
        if (c < 4) {
            if (_liveCount() < 2) _publish(seed);
        }
        else if (c < 68) _advance(tenderSeed, seed, salt);
        else if (c < 84) _chaos(choice >> 8, tenderSeed, seed, salt);
        else if (c < 90) _withdraw(_actor(seed % ACTORS));
        else if (c < 93) _licence(seed);
        else _warp(seed, tenderSeed);
    }

    /// @notice Every supplier and the funder withdraws all it is owed (for
    /// `invariant_nothingRemainsAfterWithdrawals`; not a fuzzing target).
    function withdrawEveryone() external step {
        for (uint256 a = 0; a < ACTORS; ++a) {
            address account = _actor(a);
            if (ghostCredits[account] != 0) _withdraw(account);
        }
    }

    // ===== SCHEDULING =====

    /// @dev The next plausible step of a live tender (publishing one if there is none).
    function _advance(uint256 tenderSeed, uint256 seed, bytes32 salt) private {
        (uint256 id, bool found) = _pick(tenderSeed, _LIVE, false);
        if (!found) {
            _publish(seed);
            return;
        }
        ModelTender storage t = _tenders[id];
        uint256 r = seed % 100;
        uint256 x = seed >> 8;
        if (t.state == ITenderEscrow.TenderState.Open) _advanceOpen(id, t, r, x, salt);
        else if (t.state == ITenderEscrow.TenderState.Awarded) _advanceAwarded(id, t, r, x);
        else if (t.state == ITenderEscrow.TenderState.Disputed) _advanceDisputed(id, t, r, x);
        else _advanceActive(id, t, r, x);
    }

    function _advanceOpen(uint256 id, ModelTender storage t, uint256 r, uint256 x, bytes32 salt) private {
        if (currentTime < t.commitDeadline) {
            uint256 bids = _bidCount(id);
            (uint256 stale, bool anyStale) = _staleBidder(id, x);
            if (r < 6) _amend(id, x, _procurer);
            else if (r < 8 || (r < 25 && anyStale)) _withdrawBid(id, stale);
            else if (r < 9) _cancel(id, _procurer, x);
            else if (r < (bids == 0 ? 11 : bids == 1 ? 20 : 45)) _advanceTo(id, t.commitDeadline, x);
            else if (r < 55) _commitBid(id, _bidder(id, x, false), x >> 8, salt);
            else {
                uint256 s = _newBidder(id, x);
                // Mostly the supplier deposits the bond first; otherwise its credit may fall short.
                if (r < 95) _fundBond(id, s);
                _commitBid(id, s, x >> 8, salt);
            }
        } else if (currentTime < t.revealDeadline) {
            uint256 s = _bidder(id, x, true);
            bool revealable = _bids[id][s].sequence != 0 && !_bids[id][s].revealed;
            if (r < 8 || !revealable) _advanceTo(id, t.revealDeadline, x);
            else _revealBid(id, s, r < 20);
        } else {
            if (r < 5) _cancel(id, r < 4 ? _supervisor : _procurer, x);
            else _award(id, x);
        }
    }

    /// @dev The supervisor decides (rarely someone else tries), or time runs out and anyone lapses it.
    function _advanceDisputed(uint256 id, ModelTender storage t, uint256 r, uint256 x) private {
        if (currentTime < t.resolveBy) {
            if (r < 35) _resolve(id, r < 15, r < 30 ? _supervisor : _procurer);
            else if (r < 40) _lapse(id);
            else _advanceTo(id, t.resolveBy, x);
        } else {
            if (r < 80) _lapse(id);
            else _resolve(id, r < 90, _supervisor);
        }
    }

    function _advanceAwarded(uint256 id, ModelTender storage t, uint256 r, uint256 x) private {
        uint48 end = t.awardedAt + t.complaintWindow;
        address winner = _suppliers[t.winnerIndex];
        if (currentTime < end) {
            if (r < 25) _complain(id, _bidder(id, x, false));
            else if (r < 33) _terminate(id, x % 2 == 0 ? winner : _procurer);
            else _advanceTo(id, end, x);
        } else {
            if (r < 45) _startContract(id);
            else if (r < 80) _deliver(id, _milestone(t, x, ITenderEscrow.MilestoneState.Pending), winner);
            else if (r < 90) _terminate(id, x % 2 == 0 ? winner : _procurer);
            else _complain(id, _bidder(id, x, false));
        }
    }

    function _advanceActive(uint256 id, ModelTender storage t, uint256 r, uint256 x) private {
        if (r < 40) {
            _deliver(id, _milestone(t, x, ITenderEscrow.MilestoneState.Pending), _suppliers[t.winnerIndex]);
        } else if (r < 78) {
            _review(id, _milestone(t, x, ITenderEscrow.MilestoneState.Delivered), false, _acceptor);
        } else if (r < 88) {
            _review(id, _milestone(t, x, ITenderEscrow.MilestoneState.Delivered), true, _acceptor);
        } else {
            _terminate(id, x % 2 == 0 ? _suppliers[t.winnerIndex] : _procurer);
        }
    }

    /// @dev Any tender action, on any tender (whatever its state), by a fuzzed party.
    function _chaos(uint256 which, uint256 tenderSeed, uint256 seed, bytes32 salt) private {
        (uint256 id, bool found) = _pick(tenderSeed, 0, true);
        if (!found) return;
        ModelTender storage t = _tenders[id];
        uint256 x = seed >> 8;
        address caller = _anyone(seed >> 240, t);
        uint256 k = which % 15;
        if (k == 0) _amend(id, x, caller);
        else if (k == 1) _commitBid(id, x % BIDDERS, x >> 8, salt);
        else if (k == 13) _deposit(x % BIDDERS, bound(x >> 8, 0, 2_000));
        else if (k == 2) _withdrawBid(id, x % BIDDERS);
        else if (k == 3) _revealBid(id, x % BIDDERS, seed % 2 == 0);
        else if (k == 4) _award(id, x >> 8);
        else if (k == 5) _complain(id, x % BIDDERS);
        else if (k == 6) _resolve(id, seed % 2 == 0, caller);
        else if (k == 7) _startContract(id);
        else if (k == 8) _deliver(id, _milestone(t, x, ITenderEscrow.MilestoneState.Pending), caller);
        else if (k == 9) _review(id, _milestone(t, x, ITenderEscrow.MilestoneState.Delivered), seed % 2 == 0, caller);
        else if (k == 10) _cancel(id, caller, x >> 8);
        else if (k == 11) _terminate(id, caller);
        else if (k == 14) _lapse(id);
        else _warp(seed, tenderSeed);
    }

    // ===== ACTIONS: TENDERS AND BIDS =====

    /// @dev The procuring official publishes a tender (up to three): fuzzed budget, bond, schedule and one
    /// to three milestones.
    function _publish(uint256 seed) private {
        if (tenderCount >= MAX_TENDERS) return;
        ITenderEscrow.PublishParams memory p;
        {
            uint48 commitDeadline = currentTime + uint48(bound(seed >> 96, 1 hours, 3 days));
            p = tenderParams(
                bound(seed, 1, 1_000_000),
                bound(seed >> 64, 0, 1_000),
                commitDeadline,
                commitDeadline + uint48(bound(seed >> 128, 1 hours, 3 days)),
                uint48(bound(seed >> 160, 1 hours, 1 days)),
                splitShares(1 + ((seed >> 192) % MAX_MILESTONES), seed >> 200),
                _licenseType
            );
        }
        vm.prank(_procurer);
        uint256 id;
        bool done;
        try _escrow.publish(p) returns (uint256 id_) {
            (id, done) = (id_, true);
        } catch {}
        if (!_outcome(true, done, "publish", tenderCount + 1, "")) return;
        if (id != tenderCount + 1) _flag("publish: tender id");
        tenderCount = id;
        ModelTender storage t = _tenders[id];
        t.state = ITenderEscrow.TenderState.Open;
        t.commitDeadline = p.commitDeadline;
        t.revealDeadline = p.revealDeadline;
        t.complaintWindow = p.complaintWindow;
        t.budget = p.budget;
        t.bond = p.bidBond;
        t.escrow = p.budget;
        t.milestoneCount = uint8(p.milestoneSharesBps.length);
        for (uint256 i = 0; i < p.milestoneSharesBps.length; ++i) {
            t.shares[i] = p.milestoneSharesBps[i];
        }
    }

    /// @dev Later deadlines (1 in 8: an earlier commit deadline, which must be refused).
    function _amend(uint256 id, uint256 seed, address caller) private {
        ModelTender storage t = _tenders[id];
        uint48 commitDeadline = seed % 8 == 0
            ? t.commitDeadline - 1
            : t.commitDeadline + uint48(bound(seed >> 8, 0, 1 days));
        uint48 floor = commitDeadline + 1 > t.revealDeadline ? commitDeadline + 1 : t.revealDeadline;
        uint48 revealDeadline = floor + uint48(bound(seed >> 64, 0, 1 days));
        bool ok = t.state == ITenderEscrow.TenderState.Open &&
            caller == _procurer &&
            currentTime < t.commitDeadline &&
            commitDeadline >= t.commitDeadline;
        vm.prank(caller);
        bool done;
        try _escrow.amend(id, keccak256(abi.encode("amendment", seed)), commitDeadline, revealDeadline) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, "amend", id, _who(caller))) return;
        t.commitDeadline = commitDeadline;
        t.revealDeadline = revealDeadline;
        ++t.amendments;
    }

    /// @dev Deposits what `s` lacks for the bond of tender `id` (a supplier preparing its first commit).
    function _fundBond(uint256 id, uint256 s) private {
        uint256 bond = _tenders[id].bond;
        address account = _suppliers[s];
        if (_bids[id][s].sequence != 0 || ghostCredits[account] >= bond) return;
        _deposit(s, bond - ghostCredits[account]);
    }

    /// @dev A supplier deposits bond credit (any amount > 0 must be accepted; 0 must be refused).
    function _deposit(uint256 s, uint256 amount) private {
        address account = _suppliers[s];
        vm.prank(account);
        bool done;
        try _escrow.depositBond(amount) {
            done = true;
        } catch {}
        if (!_outcome(amount != 0, done, "depositBond", 0, _who(account))) return;
        _creditModel(account, amount);
    }

    /// @dev Commits or replaces a sealed bid at 2/8 to 9/8 of the budget (ties and bids over budget are
    /// common). A first commit moves the bond from the supplier's credit, which must cover it.
    function _commitBid(uint256 id, uint256 s, uint256 priceSeed, bytes32 salt) private {
        ModelTender storage t = _tenders[id];
        ModelBid storage b = _bids[id][s];
        uint256 price = (t.budget * (2 + (priceSeed % 8))) / 8;
        bool ok = t.state == ITenderEscrow.TenderState.Open &&
            currentTime < t.commitDeadline &&
            licensed[s] &&
            (b.sequence != 0 || (t.bidderSlots < MAX_BIDDERS && ghostCredits[_suppliers[s]] >= t.bond));
        bytes32 commitment = sealedBid(address(_escrow), id, _suppliers[s], price, salt);
        vm.prank(_suppliers[s]);
        bool done;
        try _escrow.commitBid(id, commitment) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, b.sequence == 0 ? "commitBid" : "commitBid (replace)", id, _who(_suppliers[s]))) {
            return;
        }
        if (b.sequence == 0) {
            b.bondHeld = true;
            ++t.bidderSlots;
            ghostCredits[_suppliers[s]] -= t.bond;
            ghostTotalCredits -= t.bond;
        }
        b.sequence = ++_sequence;
        b.everBid = true;
        b.amendmentsSeen = t.amendments;
        b.committedPrice = price;
        b.salt = salt;
    }

    /// @dev Withdraws a bid (only possible for a bid committed before an amendment).
    function _withdrawBid(uint256 id, uint256 s) private {
        ModelTender storage t = _tenders[id];
        ModelBid storage b = _bids[id][s];
        bool ok = t.state == ITenderEscrow.TenderState.Open &&
            currentTime < t.commitDeadline &&
            b.sequence != 0 &&
            b.amendmentsSeen != t.amendments;
        vm.prank(_suppliers[s]);
        bool done;
        try _escrow.withdrawBid(id) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, "withdrawBid", id, _who(_suppliers[s]))) return;
        delete _bids[id][s];
        _bids[id][s].everBid = true;
        --t.bidderSlots;
        _creditModel(_suppliers[s], t.bond);
    }

    /// @dev Reveals a bid: correctly, or (if `wrong`) with a price that does not match the commitment.
    function _revealBid(uint256 id, uint256 s, bool wrong) private {
        ModelTender storage t = _tenders[id];
        ModelBid storage b = _bids[id][s];
        uint256 price = wrong ? b.committedPrice + 1 : b.committedPrice;
        bool ok = t.state == ITenderEscrow.TenderState.Open &&
            currentTime >= t.commitDeadline &&
            currentTime < t.revealDeadline &&
            b.sequence != 0 &&
            !b.revealed &&
            !wrong;
        vm.prank(_suppliers[s]);
        bool done;
        try _escrow.revealBid(id, price, b.salt) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, wrong ? "revealBid (wrong)" : "revealBid", id, _who(_suppliers[s]))) return;
        b.revealed = true;
        b.price = price;
    }

    /// @dev Anyone awards after the reveal deadline: bonds of revealed losers are refunded, unrevealed ones
    /// forfeited to the treasury, the winner's becomes the performance bond; no valid bid: Failed. One
    /// time in four the ranking is corrupted (see `_corrupt`), which must be refused.
    function _award(uint256 id, uint256 seed) private {
        ModelTender storage t = _tenders[id];
        (address[] memory ranked, bool corrupted) = _corrupt(_ranking(id), seed % 4 == 0 ? 1 + ((seed >> 2) % 3) : 0);
        bool ok = t.state == ITenderEscrow.TenderState.Open && currentTime >= t.revealDeadline && !corrupted;
        bool done;
        try _escrow.award(id, ranked) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, corrupted ? "award (bad ranking)" : "award", id, "")) return;
        (bool found, uint256 w) = _best(id, 0);
        for (uint256 s = 0; s < BIDDERS; ++s) {
            ModelBid storage b = _bids[id][s];
            if (!b.bondHeld || (found && s == w)) continue;
            b.bondHeld = false;
            _creditModel(b.revealed ? _suppliers[s] : _treasury, t.bond);
        }
        if (!found) {
            _failModel(t);
            return;
        }
        _bids[id][w].bondHeld = false;
        t.performanceBond = t.bond;
        _setWinnerModel(id, t, w);
    }

    /// @dev A supplier complains in the complaint window: only one that bid, once per tender, and not the
    /// winner. The supervisor has RESOLUTION_PERIOD to decide.
    function _complain(uint256 id, uint256 s) private {
        ModelTender storage t = _tenders[id];
        ModelBid storage b = _bids[id][s];
        bool ok = t.state == ITenderEscrow.TenderState.Awarded &&
            currentTime < t.awardedAt + t.complaintWindow &&
            b.sequence != 0 &&
            !b.complained &&
            !(t.hasWinner && t.winnerIndex == s);
        vm.prank(_suppliers[s]);
        bool done;
        try _escrow.complain(id, keccak256(abi.encode("complaint", s))) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, "complain", id, _who(_suppliers[s]))) return;
        b.complained = true;
        t.state = ITenderEscrow.TenderState.Disputed;
        t.resolveBy = currentTime + RESOLUTION_PERIOD;
    }

    /// @dev Anyone lapses a complaint not decided in time: the award stands.
    function _lapse(uint256 id) private {
        ModelTender storage t = _tenders[id];
        bool ok = t.state == ITenderEscrow.TenderState.Disputed && currentTime >= t.resolveBy;
        bool done;
        try _escrow.lapseComplaint(id) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, "lapseComplaint", id, "")) return;
        t.state = ITenderEscrow.TenderState.Awarded;
    }

    /// @dev Upholds (the winner is disqualified and gets its performance bond back; proposals to terminate
    /// are forgotten; the next valid bid whose bidder's credit covers the performance bond wins, posting
    /// it, or the tender fails) or dismisses the open complaint, before its time limit.
    function _resolve(uint256 id, bool upheld, address caller) private {
        ModelTender storage t = _tenders[id];
        bool ok = t.state == ITenderEscrow.TenderState.Disputed && caller == _supervisor && currentTime < t.resolveBy;
        vm.prank(caller);
        bool done;
        // A dismissal re-awards nothing and takes an empty ranking.
        address[] memory ranked = upheld ? _ranking(id) : new address[](0);
        try _escrow.resolveComplaint(id, upheld, keccak256("resolution"), ranked) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, upheld ? "resolveComplaint (upheld)" : "resolveComplaint (dismissed)", id, _who(caller))) {
            return;
        }
        if (!upheld) {
            t.state = ITenderEscrow.TenderState.Awarded;
            return;
        }
        _bids[id][t.winnerIndex].disqualified = true;
        _creditModel(_suppliers[t.winnerIndex], t.performanceBond);
        t.performanceBond = 0;
        t.hasWinner = false;
        t.price = 0;
        // Consent to terminate was given for the cancelled award: the next winner starts afresh.
        t.terminationByDepartment = false;
        t.terminationBySupplier = false;
        // The next-ranked eligible bidder posts the performance bond from its credit, or is passed over.
        uint256 passedOver;
        while (true) {
            (bool found, uint256 next) = _best(id, passedOver);
            if (!found) {
                _failModel(t);
                return;
            }
            address account = _suppliers[next];
            if (ghostCredits[account] >= t.bond) {
                ghostCredits[account] -= t.bond;
                ghostTotalCredits -= t.bond;
                t.performanceBond = t.bond;
                _setWinnerModel(id, t, next);
                return;
            }
            passedOver |= 1 << next;
            ++hits["re-award: bidder passed over"];
        }
    }

    // ===== ACTIONS: CONTRACT =====

    /// @dev Anyone starts the contract once the complaint window has passed; budget above the price goes
    /// back to the funder.
    function _startContract(uint256 id) private {
        ModelTender storage t = _tenders[id];
        bool ok = t.state == ITenderEscrow.TenderState.Awarded && _startable(t);
        bool done;
        try _escrow.startContract(id) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, "startContract", id, "")) return;
        _startModel(t);
    }

    /// @dev Delivers a milestone (starting the contract if its award has become final).
    function _deliver(uint256 id, uint8 m, address caller) private {
        ModelTender storage t = _tenders[id];
        bool ok = _startable(t) &&
            caller == _suppliers[t.winnerIndex] &&
            m < t.milestoneCount &&
            t.milestones[m] == ITenderEscrow.MilestoneState.Pending;
        vm.prank(caller);
        bool done;
        try _escrow.deliverMilestone(id, m, keccak256(abi.encode("delivery", m))) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, "deliverMilestone", id, _who(caller))) return;
        if (t.state == ITenderEscrow.TenderState.Awarded) _startModel(t);
        t.milestones[m] = ITenderEscrow.MilestoneState.Delivered;
    }

    /// @dev Accepts (paying its share, or the rest of the price for the last, plus the performance bond)
    /// or rejects a delivered milestone.
    function _review(uint256 id, uint8 m, bool rejectIt, address caller) private {
        ModelTender storage t = _tenders[id];
        bool ok = _startable(t) &&
            caller == _acceptor &&
            m < t.milestoneCount &&
            t.milestones[m] == ITenderEscrow.MilestoneState.Delivered;
        vm.prank(caller);
        bool done;
        if (rejectIt) {
            try _escrow.rejectMilestone(id, m, 7, keccak256("incomplete")) {
                done = true;
            } catch {}
        } else {
            try _escrow.acceptMilestone(id, m) {
                done = true;
            } catch {}
        }
        if (!_outcome(ok, done, rejectIt ? "rejectMilestone" : "acceptMilestone", id, _who(caller))) return;
        if (t.state == ITenderEscrow.TenderState.Awarded) _startModel(t);
        if (rejectIt) {
            t.milestones[m] = ITenderEscrow.MilestoneState.Pending;
            return;
        }
        t.milestones[m] = ITenderEscrow.MilestoneState.Accepted;
        bool last = ++t.acceptedCount == t.milestoneCount;
        uint256 amount = last ? t.price - t.paid : (t.price * t.shares[m]) / BPS;
        t.paid += amount;
        t.escrow -= amount;
        _creditModel(_suppliers[t.winnerIndex], amount);
        if (last) {
            t.state = ITenderEscrow.TenderState.Completed;
            _creditModel(_suppliers[t.winnerIndex], t.performanceBond);
            t.performanceBond = 0;
        }
    }

    /// @dev Cancels before award, the budget back to the treasury. Before the commit deadline the procuring
    /// official, every bond back; from then on only the supervisor, after the reveal deadline, revealed
    /// bonds back and unrevealed ones forfeited to the treasury. One time in eight the bidder list misses
    /// its last entry, which must be refused.
    function _cancel(uint256 id, address caller, uint256 seed) private {
        ModelTender storage t = _tenders[id];
        (address[] memory bidders, bool corrupted) = _corrupt(_liveBidders(id), seed % 8 == 0 ? 1 : 0);
        bool sealedPrices = currentTime < t.commitDeadline;
        bool allowed = sealedPrices ? caller == _procurer : (caller == _supervisor && currentTime >= t.revealDeadline);
        bool ok = t.state == ITenderEscrow.TenderState.Open && allowed && !corrupted;
        vm.prank(caller);
        bool done;
        try _escrow.cancel(id, 3, bidders) {
            done = true;
        } catch {}
        string memory action = corrupted ? "cancel (bad list)" : sealedPrices ? "cancel" : "cancel (after reveals)";
        if (!_outcome(ok, done, action, id, _who(caller))) return;
        t.state = ITenderEscrow.TenderState.Cancelled;
        for (uint256 s = 0; s < BIDDERS; ++s) {
            ModelBid storage b = _bids[id][s];
            if (!b.bondHeld) continue;
            b.bondHeld = false;
            _creditModel(sealedPrices || b.revealed ? _suppliers[s] : _treasury, t.bond);
        }
        _creditModel(_treasury, t.escrow);
        t.escrow = 0;
    }

    /// @dev One side of a mutual termination (the winner or the procuring department; anyone else must be
    /// refused); the second side terminates: performance bond to the supplier, the rest to the funder.
    function _terminate(uint256 id, address caller) private {
        ModelTender storage t = _tenders[id];
        bool live = t.state == ITenderEscrow.TenderState.Awarded || t.state == ITenderEscrow.TenderState.Active;
        bool bySupplier = t.hasWinner && caller == _suppliers[t.winnerIndex];
        bool ok = live &&
            (bySupplier ? !t.terminationBySupplier : (caller == _procurer && !t.terminationByDepartment));
        vm.prank(caller);
        bool done;
        try _escrow.proposeTermination(id) {
            done = true;
        } catch {}
        if (!_outcome(ok, done, "proposeTermination", id, _who(caller))) return;
        if (bySupplier) t.terminationBySupplier = true;
        else t.terminationByDepartment = true;
        if (!(t.terminationBySupplier && t.terminationByDepartment)) return;
        t.state = ITenderEscrow.TenderState.Terminated;
        _creditModel(_suppliers[t.winnerIndex], t.performanceBond);
        t.performanceBond = 0;
        _creditModel(_treasury, t.escrow);
        t.escrow = 0;
    }

    // ===== ACTIONS: MONEY, LICENCES, TIME =====

    /// @dev Withdraws all of `account`'s credits (must fail when it has none) and checks the payment.
    function _withdraw(address account) private {
        uint256 owed = ghostCredits[account];
        uint256 before = _token.balanceOf(account);
        vm.prank(account);
        bool done;
        try _escrow.withdraw() {
            done = true;
        } catch {}
        if (!_outcome(owed != 0, done, "withdraw", 0, _who(account))) return;
        if (_token.balanceOf(account) != before + owed) _flag("withdraw: amount paid differs from model");
        ghostCredits[account] = 0;
        ghostTotalCredits -= owed;
    }

    /// @dev The licensing official revokes a licensed supplier's licence (one time in three); a
    /// supplier whose licence was revoked applies again and is approved.
    function _licence(uint256 seed) private {
        uint256 s = seed % BIDDERS;
        address account = _suppliers[s];
        if (licensed[s]) {
            if ((seed >> 8) % 3 != 0) return;
            uint256 licenseId = _licenses.licenseOf(account, _licenseType);
            vm.prank(_licensingOfficial);
            bool revoked;
            try _licenses.revoke(licenseId, 9) {
                revoked = true;
            } catch {}
            if (_outcome(true, revoked, "revokeLicence", 0, _who(account))) licensed[s] = false;
            return;
        }
        bytes32[] memory documents = new bytes32[](1);
        documents[0] = keccak256(abi.encode("articles again", s));
        vm.prank(account);
        uint256 applicationId;
        bool done;
        try _licenses.submit(_licenseType, keccak256(abi.encode("USCC", account)), documents) returns (uint256 a) {
            (applicationId, done) = (a, true);
        } catch {}
        if (!_outcome(true, done, "relicense: submit", 0, _who(account))) return;
        vm.prank(_licensingOfficial);
        done = false;
        try _licenses.approve(applicationId, keccak256("ok")) {
            done = true;
        } catch {}
        if (_outcome(true, done, "relicense", 0, _who(account))) licensed[s] = true;
    }

    /// @dev Moves time forward by up to an hour, or (one time in four) to one second before, at or after
    /// the end of the current phase of a live tender (commit, reveal, complaint window).
    function _warp(uint256 seed, uint256 tenderSeed) private {
        (uint256 id, bool found) = _pick(tenderSeed, _OPEN | _AWARDED | _DISPUTED, false);
        uint48 deadline = found ? _nextDeadline(_tenders[id]) : 0;
        if (seed % 4 != 0 || deadline == 0) _setTime(currentTime + uint48(bound(seed >> 8, 1, 1 hours)));
        else _jumpTo(deadline, seed >> 72);
        _note("warp", 0, Strings.toString(currentTime));
    }

    // ===== VIEWS FOR THE INVARIANTS =====

    /// @notice Value the model says the escrow holds for tenders (budget not yet paid or refunded,
    /// performance bonds, bid bonds), over every tender or only those not in a final state.
    function ghostHeld(bool onlyLive) public view returns (uint256 held) {
        for (uint256 id = 1; id <= tenderCount; ++id) {
            ModelTender storage t = _tenders[id];
            if (onlyLive && isFinal(t.state)) continue;
            held += t.escrow + t.performanceBond;
            for (uint256 s = 0; s < BIDDERS; ++s) {
                if (_bids[id][s].bondHeld) held += t.bond;
            }
        }
    }

    /// @notice The last calls the handler made, oldest first, with their results.
    function recentCalls() public view returns (string memory trail) {
        uint256 first = _calls > TRAIL ? _calls - TRAIL : 0;
        for (uint256 i = first; i < _calls; ++i) {
            trail = string.concat(trail, i == first ? "" : "; ", _trail[i % TRAIL]);
        }
    }

    function modelState(uint256 id) external view returns (ITenderEscrow.TenderState) {
        return _tenders[id].state;
    }

    function actor(uint256 index) external view returns (address) {
        return _actor(index);
    }

    function supplier(uint256 index) external view returns (address) {
        return _suppliers[index];
    }

    function isFinal(ITenderEscrow.TenderState s) public pure returns (bool) {
        return uint8(s) >= uint8(ITenderEscrow.TenderState.Completed);
    }

    /// @notice Whether a tender may go from `from` to `to` in one or more steps: Open → Awarded ⇄ Disputed
    /// → Active → Completed, Open → Cancelled, Open/Disputed → Failed, Awarded/Active → Terminated.
    function canMove(ITenderEscrow.TenderState from, ITenderEscrow.TenderState to) public pure returns (bool) {
        if (from == to) return true;
        return _reachable(from) & (uint256(1) << uint8(to)) != 0;
    }

    // ===== PRIVATE: MODEL =====

    /// @dev The model's award rule: lowest revealed price within budget from a licensed bidder not
    /// disqualified, ties to the earliest (latest-replaced) commitment.
    function _best(uint256 id, uint256 passedOver) private view returns (bool found, uint256 best) {
        ModelTender storage t = _tenders[id];
        uint256 bestPrice;
        uint32 bestSequence;
        for (uint256 s = 0; s < BIDDERS; ++s) {
            ModelBid storage b = _bids[id][s];
            if (!b.revealed || b.disqualified || b.price > t.budget || !licensed[s]) continue;
            if (passedOver & (1 << s) != 0) continue;
            if (found && (b.price > bestPrice || (b.price == bestPrice && b.sequence > bestSequence))) continue;
            (found, best, bestPrice, bestSequence) = (true, s, b.price, b.sequence);
        }
    }

    function _setWinnerModel(uint256 id, ModelTender storage t, uint256 w) private {
        t.hasWinner = true;
        t.winnerIndex = uint8(w);
        t.price = _bids[id][w].price;
        t.state = ITenderEscrow.TenderState.Awarded;
        t.awardedAt = currentTime;
    }

    function _failModel(ModelTender storage t) private {
        t.state = ITenderEscrow.TenderState.Failed;
        _creditModel(_treasury, t.escrow);
        t.escrow = 0;
    }

    function _startable(ModelTender storage t) private view returns (bool) {
        return
            t.state == ITenderEscrow.TenderState.Active ||
            (t.state == ITenderEscrow.TenderState.Awarded && currentTime >= t.awardedAt + t.complaintWindow);
    }

    function _startModel(ModelTender storage t) private {
        t.state = ITenderEscrow.TenderState.Active;
        _creditModel(_treasury, t.escrow - t.price);
        t.escrow = t.price;
    }

    function _creditModel(address account, uint256 amount) private {
        ghostCredits[account] += amount;
        ghostTotalCredits += amount;
    }

    // ===== PRIVATE: CHECKS =====

    /// @dev Records the call in the trail, and a call whose outcome differs from the model's prediction;
    /// true if the call succeeded as predicted (so the model should apply its effects).
    function _outcome(
        bool expected,
        bool succeeded,
        string memory action,
        uint256 id,
        string memory by
    ) private returns (bool) {
        string memory result = succeeded ? "ok" : "reverted";
        _note(action, id, string.concat(by, bytes(by).length == 0 ? "" : " ", result));
        if (expected != succeeded) {
            _flag(string.concat(action, succeeded ? ": succeeded, the model expected a revert" : ": reverted unexpectedly"));
        }
        if (expected && succeeded) ++hits[action];
        if (!expected && !succeeded) ++hits[string.concat(action, ": refused")];
        return expected && succeeded;
    }

    function _note(string memory action, uint256 id, string memory detail) private {
        string memory tender = id == 0 ? "" : string.concat(" #", Strings.toString(id));
        _trail[_calls % TRAIL] = string.concat(action, tender, " ", detail);
        ++_calls;
    }

    function _flag(string memory reason) private {
        if (unexpected.happened) return;
        unexpected = Failure(true, string.concat(reason, " at time ", Strings.toString(currentTime), ". Last calls: ", recentCalls()));
    }

    /// @dev After every call: the escrow's views agree with the model, and no state went backwards.
    function _sync() private {
        for (uint256 id = 1; id <= tenderCount; ++id) {
            ITenderEscrow.TenderView memory v = _escrow.getTender(id);
            ModelTender storage t = _tenders[id];
            string memory tag = string.concat("tender #", Strings.toString(id), ": ");
            _compare(tag, "state", uint8(v.state), uint8(t.state));
            _compare(tag, "escrow", v.escrow, t.escrow);
            _compare(tag, "performance bond", v.performanceBond, t.performanceBond);
            _compare(tag, "price", v.price, t.price);
            _compare(tag, "paid", v.paid, t.paid);
            _compare(tag, "accepted milestones", v.acceptedCount, t.acceptedCount);
            if (v.winner != (t.hasWinner ? _suppliers[t.winnerIndex] : address(0))) {
                _flag(string.concat(tag, "winner is ", _who(v.winner), ", model says ", t.hasWinner ? _who(_suppliers[t.winnerIndex]) : "none"));
            }
            ITenderEscrow.TenderState previous = lastSeen[id];
            if (!canMove(previous, v.state) && !backwards.happened) {
                backwards = Failure(
                    true,
                    string.concat(tag, Strings.toString(uint8(previous)), " -> ", Strings.toString(uint8(v.state)))
                );
            }
            lastSeen[id] = v.state;
        }
        for (uint256 a = 0; a < ACTORS; ++a) {
            address account = _actor(a);
            _compare(string.concat(_who(account), ": "), "credit", _escrow.creditOf(account), ghostCredits[account]);
        }
    }

    function _compare(string memory tag, string memory what, uint256 actual, uint256 modelled) private {
        if (actual == modelled) return;
        _flag(string.concat(tag, what, " is ", Strings.toString(actual), ", model says ", Strings.toString(modelled)));
    }

    // ===== PRIVATE: HELPERS =====

    /// @dev A tender: from `seed` on, the first one in a state of `states` (a mask of 1 << state); with
    /// `anyState` (or 1 in 8 seeds when some are in those states anyway) simply `seed`'s tender.
    function _pick(uint256 seed, uint256 states, bool anyState) private view returns (uint256 id, bool found) {
        uint256 count = tenderCount;
        if (count == 0) return (0, false);
        uint256 start = seed % count;
        if (anyState) return (1 + start, true);
        for (uint256 k = 0; k < count; ++k) {
            id = 1 + ((start + k) % count);
            if (states & (uint256(1) << uint8(_tenders[id].state)) != 0) return (id, true);
        }
        return (0, false);
    }

    /// @dev A supplier: from `seed` on, the first with a bid (an unrevealed one if `unrevealed`); else
    /// `seed`'s.
    function _bidder(uint256 id, uint256 seed, bool unrevealed) private view returns (uint256) {
        for (uint256 k = 0; k < BIDDERS; ++k) {
            uint256 s = (seed + k) % BIDDERS;
            ModelBid storage b = _bids[id][s];
            if (b.sequence != 0 && !(unrevealed && b.revealed)) return s;
        }
        return seed % BIDDERS;
    }

    /// @dev A supplier: from `seed` on, the first whose bid predates the last amendment (so it may be
    /// withdrawn), and whether there is one; else `seed`'s.
    function _staleBidder(uint256 id, uint256 seed) private view returns (uint256, bool) {
        for (uint256 k = 0; k < BIDDERS; ++k) {
            uint256 s = (seed + k) % BIDDERS;
            ModelBid storage b = _bids[id][s];
            if (b.sequence != 0 && b.amendmentsSeen != _tenders[id].amendments) return (s, true);
        }
        return (seed % BIDDERS, false);
    }

    /// @dev A supplier: from `seed` on, the first licensed one without a bid; else `seed`'s.
    function _newBidder(uint256 id, uint256 seed) private view returns (uint256) {
        for (uint256 k = 0; k < BIDDERS; ++k) {
            uint256 s = (seed + k) % BIDDERS;
            if (_bids[id][s].sequence == 0 && licensed[s]) return s;
        }
        return seed % BIDDERS;
    }

    /// @dev The model's ranking for `award`: revealed bidders by (price, sequence), insertion-sorted. The
    /// model numbers commitments across tenders, the escrow per tender: the order within one is the same.
    function _ranking(uint256 id) private view returns (address[] memory ranked) {
        uint256[BIDDERS] memory order;
        uint256 n;
        for (uint256 s = 0; s < BIDDERS; ++s) {
            ModelBid storage b = _bids[id][s];
            if (!b.revealed) continue;
            uint256 k = n++;
            while (k > 0 && _ranksBefore(_bids[id][s], _bids[id][order[k - 1]])) {
                order[k] = order[k - 1];
                --k;
            }
            order[k] = s;
        }
        ranked = new address[](n);
        for (uint256 i = 0; i < n; ++i) ranked[i] = _suppliers[order[i]];
    }

    function _ranksBefore(ModelBid storage x, ModelBid storage y) private view returns (bool) {
        return x.price < y.price || (x.price == y.price && x.sequence < y.sequence);
    }

    /// @dev The model's live bidders for `cancel`, in ascending address order.
    function _liveBidders(uint256 id) private view returns (address[] memory live) {
        live = new address[](_bidCount(id));
        uint256 n;
        for (uint256 s = 0; s < BIDDERS; ++s) {
            if (_bids[id][s].sequence == 0) continue;
            address account = _suppliers[s];
            uint256 k = n++;
            while (k > 0 && account < live[k - 1]) {
                live[k] = live[k - 1];
                --k;
            }
            live[k] = account;
        }
    }

    /// @dev A wrong copy of a bid list, where possible: `mode` 1 drops the last entry, 2 reverses the list,
    /// 3 lists the first entry twice (in place of the second). `corrupted`: the copy differs.
    function _corrupt(address[] memory list, uint256 mode) private pure returns (address[] memory, bool corrupted) {
        uint256 n = list.length;
        if (mode == 1 && n >= 1) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                mstore(list, sub(n, 1))
            }
            return (list, true);
        }
        if (mode == 2 && n >= 2) {
            for (uint256 i = 0; i < n / 2; ++i) (list[i], list[n - 1 - i]) = (list[n - 1 - i], list[i]);
            return (list, true);
        }
        if (mode == 3 && n >= 2) {
            list[1] = list[0];
            return (list, true);
        }
        return (list, false);
    }

    function _bidCount(uint256 id) private view returns (uint256 count) {
        for (uint256 s = 0; s < BIDDERS; ++s) {
            if (_bids[id][s].sequence != 0) ++count;
        }
    }

    function _liveCount() private view returns (uint256 count) {
        for (uint256 id = 1; id <= tenderCount; ++id) {
            if (!isFinal(_tenders[id].state)) ++count;
        }
    }

    /// @dev A milestone: from `seed` on, the first in state `wanted` (else `seed`'s); 1 in 8 seeds give
    /// the first index past the end.
    function _milestone(ModelTender storage t, uint256 seed, ITenderEscrow.MilestoneState wanted)
        private
        view
        returns (uint8)
    {
        uint256 count = t.milestoneCount;
        if (seed % 8 == 0) return uint8(count);
        for (uint256 k = 0; k < count; ++k) {
            uint256 m = ((seed >> 8) + k) % count;
            if (t.milestones[m] == wanted) return uint8(m);
        }
        return uint8((seed >> 8) % count);
    }

    /// @dev Moves time to one second before, at, or one second after `deadline` (never backwards).
    function _jumpTo(uint48 deadline, uint256 seed) private {
        _setTime(deadline + uint48(seed % 3) - 1);
    }

    /// @dev As `_jumpTo` for tender `id`'s own deadline, but stopping one second short of an earlier
    /// deadline of another live tender, so that scheduling one tender never skips another's phase (only
    /// `_warp` does that).
    function _advanceTo(uint256 id, uint48 deadline, uint256 seed) private {
        uint48 target = deadline + uint48(seed % 3) - 1;
        for (uint256 other = 1; other <= tenderCount; ++other) {
            if (other == id) continue;
            uint48 next = _nextDeadline(_tenders[other]);
            if (next != 0 && next <= target) target = next - 1;
        }
        _setTime(target);
    }

    /// @dev The end of a live tender's current phase if it is still ahead (0 if none).
    function _nextDeadline(ModelTender storage t) private view returns (uint48 next) {
        if (t.state == ITenderEscrow.TenderState.Open) {
            next = currentTime < t.commitDeadline ? t.commitDeadline : t.revealDeadline;
        } else if (t.state == ITenderEscrow.TenderState.Awarded) {
            next = t.awardedAt + t.complaintWindow;
        } else if (t.state == ITenderEscrow.TenderState.Disputed) {
            next = t.resolveBy;
        }
        if (next <= currentTime) next = 0;
    }

    function _setTime(uint48 t) private {
        if (t <= currentTime) return;
        currentTime = t;
        vm.warp(t);
    }

    /// @dev Any party: a supplier, the procuring, accepting or supervising official, or the winner.
    function _anyone(uint256 seed, ModelTender storage t) private view returns (address) {
        uint256 k = seed % 8;
        if (k < BIDDERS) return _suppliers[k];
        if (k == 4) return _procurer;
        if (k == 5) return _acceptor;
        if (k == 6) return _supervisor;
        return t.hasWinner ? _suppliers[t.winnerIndex] : _procurer;
    }

    function _actor(uint256 index) private view returns (address) {
        return index < BIDDERS ? _suppliers[index] : _treasury;
    }

    function _who(address account) private view returns (string memory) {
        for (uint256 s = 0; s < BIDDERS; ++s) {
            if (account == _suppliers[s]) return string.concat("supplier ", Strings.toString(s));
        }
        if (account == _procurer) return "procurer";
        if (account == _treasury) return "treasury";
        if (account == _acceptor) return "acceptor";
        if (account == _supervisor) return "supervisor";
        return Strings.toHexString(account);
    }

    function _reachable(ITenderEscrow.TenderState from) private pure returns (uint256) {
        uint256 completed = 1 << uint8(ITenderEscrow.TenderState.Completed);
        uint256 cancelled = 1 << uint8(ITenderEscrow.TenderState.Cancelled);
        uint256 failed = 1 << uint8(ITenderEscrow.TenderState.Failed);
        uint256 terminated = 1 << uint8(ITenderEscrow.TenderState.Terminated);
        uint256 afterActive = completed | terminated;
        uint256 afterAward = _AWARDED | _DISPUTED | _ACTIVE | afterActive | failed;
        if (from == ITenderEscrow.TenderState.None) return _OPEN | afterAward | cancelled;
        if (from == ITenderEscrow.TenderState.Open) return afterAward | cancelled;
        if (from == ITenderEscrow.TenderState.Awarded || from == ITenderEscrow.TenderState.Disputed) {
            return afterAward;
        }
        if (from == ITenderEscrow.TenderState.Active) return afterActive;
        return 0;
    }
}

// =====================================================================================================
// Invariant test
// =====================================================================================================

/// @notice Invariants over random sequences of `TenderHandler.act`. The depth is 64 rather than the
/// project's 32: a tender needs some 15 to 25 steps from publication to completion, and with three
/// tenders sharing a sequence, 32 calls rarely finished one. (64 runs of 64 calls per invariant take a
/// few seconds.)
contract TenderEscrowInvariantTest is TenderFixture {
    TenderHandler private _handler;

    function setUp() public {
        _deploy();
        _handler = new TenderHandler(_setup());
        targetContract(address(_handler));
        // Only `act` is fuzzed: `withdrawEveryone` is for the invariant below.
        bytes4[] memory selectors = new bytes4[](1);
        selectors[0] = TenderHandler.act.selector;
        targetSelector(FuzzSelector({addr: address(_handler), selectors: selectors}));
    }

    /// @dev Every call's outcome and every view after it agreed with the handler's model.
    function _assertModelAgreed() private view {
        (bool unexpected, string memory reason) = _handler.unexpected();
        assertFalse(unexpected, reason);
    }

    /// @notice The escrow holds at least what it owes (exactly, as nobody sends it tokens directly), and
    /// what it owes is the model's sum of credits and value held for tenders; every call behaved as the
    /// model predicted.
    /// hardhat-config: invariant.failOnRevert = true
    /// hardhat-config: invariant.depth = 64
    function invariant_escrowCoversObligations() public view {
        _assertModelAgreed();
        uint256 owed = escrow.obligations();
        uint256 balance = token.balanceOf(address(escrow));
        assertGe(balance, owed, "escrow balance covers obligations");
        assertEq(balance, owed, "escrow balance is exactly its obligations (no direct transfers)");
        assertEq(owed, _handler.ghostTotalCredits() + _handler.ghostHeld(false), "obligations vs ghost credits + held");
        uint256 credits;
        for (uint256 a = 0; a < HANDLER_ACTORS; ++a) {
            credits += escrow.creditOf(_handler.actor(a));
        }
        assertEq(credits, _handler.ghostTotalCredits(), "sum of credits vs ghost");
    }

    /// @notice The handler's random steps reach every flow that moves value, including the new ones (a
    /// complaint that lapses, a cancellation by the supervisor after the reveals, a re-award whose winner
    /// posts its bond from its credit or is passed over), with the model agreeing all along.
    function test_handler_reachesEveryFlow() public {
        string[10] memory flows = [
            "award",
            "complain",
            "lapseComplaint",
            "resolveComplaint (upheld)",
            "resolveComplaint (dismissed)",
            "re-award: bidder passed over",
            "cancel",
            "cancel (after reveals)",
            "acceptMilestone",
            "proposeTermination"
        ];
        uint256[10] memory reached;
        // Episodes of 64 steps from the fixture's state (the handler publishes at most three tenders).
        for (uint256 e = 0; e < 48; ++e) {
            uint256 snapshot = vm.snapshotState();
            for (uint256 i = 0; i < 64; ++i) {
                bytes32 r = keccak256(abi.encode("step", e, i));
                _handler.act(uint256(r), uint256(r) >> 64, uint256(keccak256(abi.encode(r))), r);
            }
            _assertModelAgreed();
            for (uint256 k = 0; k < flows.length; ++k) {
                reached[k] += _handler.hits(flows[k]);
            }
            assertTrue(vm.revertToState(snapshot), "revertToState");
        }
        for (uint256 k = 0; k < flows.length; ++k) {
            assertTrue(reached[k] > 0, string.concat("never reached: ", flows[k]));
        }
    }

    /// @notice Every tender's state only moves forward along the lifecycle (Awarded ⇄ Disputed being the
    /// one way back), and final states never change.
    /// hardhat-config: invariant.failOnRevert = true
    /// hardhat-config: invariant.depth = 64
    function invariant_statesNeverGoBackwards() public view {
        (bool backwards, string memory how) = _handler.backwards();
        assertFalse(backwards, string.concat("a state went backwards: ", how));
        _assertModelAgreed();
        uint256 count = _handler.tenderCount();
        assertEq(escrow.tenderCount(), count, "tenderCount");
        for (uint256 id = 1; id <= count; ++id) {
            ITenderEscrow.TenderState now_ = escrow.getTender(id).state;
            assertTrue(_handler.canMove(_handler.lastSeen(id), now_), "state moved backwards since last seen");
            assertEq(uint256(now_), uint256(_handler.modelState(id)), "state vs model");
        }
    }

    /// @notice After everyone withdraws, a finished tender holds nothing: its budget, performance bond and
    /// bid bonds are all paid out, the escrow owes no credit, and its balance is exactly the value the
    /// model says the unfinished tenders still hold. (`withdraw` pays all of an account's credits at once,
    /// so "every party of the finished tenders withdraws" means every supplier and the funder withdraws.)
    /// hardhat-config: invariant.failOnRevert = true
    /// hardhat-config: invariant.depth = 64
    function invariant_nothingRemainsAfterWithdrawals() public {
        _handler.withdrawEveryone();
        _assertModelAgreed();
        assertEq(_handler.ghostTotalCredits(), 0, "ghost credits after withdrawals");
        for (uint256 a = 0; a < HANDLER_ACTORS; ++a) {
            assertEq(escrow.creditOf(_handler.actor(a)), 0, "credit left after withdrawal");
        }
        uint256 count = _handler.tenderCount();
        for (uint256 id = 1; id <= count; ++id) {
            ITenderEscrow.TenderView memory v = escrow.getTender(id);
            if (!_handler.isFinal(v.state)) continue;
            assertEq(v.escrow, 0, "finished tender still holds budget");
            assertEq(v.performanceBond, 0, "finished tender still holds a performance bond");
            for (uint256 s = 0; s < HANDLER_SUPPLIERS; ++s) {
                assertFalse(escrow.bidOf(id, _handler.supplier(s)).bondHeld, "finished tender still holds a bid bond");
            }
        }
        assertEq(token.balanceOf(address(escrow)), _handler.ghostHeld(true), "escrow balance vs value of live tenders");
        assertEq(escrow.obligations(), _handler.ghostHeld(true), "obligations vs value of live tenders");
    }
}

// =====================================================================================================
// Fuzz tests
// =====================================================================================================

contract TenderEscrowTest is TenderFixture {
    /// @dev One bidder of a fuzz test. `sequence` orders the latest commitments (ties go to the lowest).
    struct Bidder {
        address account;
        uint256 price;
        bytes32 salt;
        bool reveals;
        bool wrongRevealFirst;
        bool licensed;
        uint256 sequence;
    }

    /// @dev What an award left behind.
    struct Outcome {
        ITenderEscrow.TenderState state;
        address winner;
        uint256 price;
        uint256 performanceBond;
        uint256 funderCredit;
        uint256[] credits;
    }

    /// @dev The tender of one fuzz run.
    struct Case {
        uint256 id;
        uint256 budget;
        uint256 bond;
        uint48 commitDeadline;
        uint48 revealDeadline;
        uint48 complaintWindow;
    }

    function setUp() public {
        _deploy();
    }

    // ===== AWARD RULE =====

    /// @notice 2 to 6 bidders with fuzzed prices (ties, 0, the budget exactly, above budget), some
    /// replacing their commitment, some never revealing, some revealing wrongly first, one perhaps
    /// losing its licence; the same state revealed in two different fuzzed orders (restored with a
    /// state snapshot) must give the same award, winner, price and credits, and they must equal the
    /// reference: lowest price within budget among licensed revealers, ties to the earliest commitment.
    function testFuzz_award_independentOfRevealOrder(uint256 seed) public {
        uint256 n = 2 + (seed % 5);
        Case memory c = _publish(
            bound(_rand(seed, "budget"), 100, 1e9),
            bound(_rand(seed, "bond"), 0, 1e6),
            splitShares(1, 0),
            seed
        );
        Bidder[] memory bidders = _awardTestBidders(seed, n, c.budget);
        _commitAll(c, bidders, seed);
        if (_rand(seed, "revoke") % 3 == 0) {
            uint256 victim = (_rand(seed, "revoke") >> 8) % n;
            _revokeLicence(bidders[victim].account);
            bidders[victim].licensed = false;
        }

        uint256[] memory orderA = _permutation(n, _rand(seed, "order A"));
        uint256[] memory orderB = _permutation(n, _rand(seed, "order B"));
        if (_sameOrder(orderA, orderB)) orderB = _reversed(orderA);

        uint256 snapshot = vm.snapshotState();
        Outcome memory a = _revealAndAward(c, bidders, orderA);
        assertTrue(vm.revertToState(snapshot), "revertToState");
        assertEq(escrow.getTender(c.id).revealedCount, 0, "snapshot restored the unrevealed tender");
        Outcome memory b = _revealAndAward(c, bidders, orderB);

        // Same result whatever the order of reveals, and it is the reference result.
        assertEq(uint256(a.state), uint256(b.state), "state depends on reveal order");
        assertEq(a.winner, b.winner, "winner depends on reveal order");
        assertEq(a.price, b.price, "price depends on reveal order");
        assertEq(a.performanceBond, b.performanceBond, "performance bond depends on reveal order");
        assertEq(a.funderCredit, b.funderCredit, "funder credit depends on reveal order");
        for (uint256 i = 0; i < n; ++i) {
            assertEq(a.credits[i], b.credits[i], "bidder credit depends on reveal order");
        }
        _assertReferenceAward(c, bidders, a);
    }

    /// @dev The outcome of an award is the reference's: winner, price and performance bond, or Failed;
    /// bonds back to revealed losers, unrevealed bonds (and the budget if it failed) to the funder.
    function _assertReferenceAward(Case memory c, Bidder[] memory bidders, Outcome memory a) private pure {
        uint256 n = bidders.length;
        (bool found, uint256 w) = _reference(bidders, c.budget);
        uint256 forfeited;
        for (uint256 i = 0; i < n; ++i) {
            if (!bidders[i].reveals) ++forfeited;
            uint256 expected = (found && i == w) || !bidders[i].reveals ? 0 : c.bond;
            assertEq(a.credits[i], expected, "bidder credit: revealed bond back, unrevealed forfeited");
        }
        if (found) {
            assertEq(uint256(a.state), uint256(ITenderEscrow.TenderState.Awarded), "awarded");
            assertEq(a.winner, bidders[w].account, "winner vs reference");
            assertEq(a.price, bidders[w].price, "price vs reference");
            assertEq(a.performanceBond, c.bond, "winner's bond becomes the performance bond");
            assertEq(a.funderCredit, forfeited * c.bond, "funder gets forfeited bonds");
        } else {
            assertEq(uint256(a.state), uint256(ITenderEscrow.TenderState.Failed), "failed without a valid bid");
            assertEq(a.winner, address(0), "no winner");
            assertEq(a.price, 0, "no price");
            assertEq(a.performanceBond, 0, "no performance bond");
            assertEq(a.funderCredit, c.budget + forfeited * c.bond, "funder gets budget and forfeited bonds");
        }
    }

    // ===== FULL PATH =====

    /// @notice Publish with fuzzed budget, bond and milestone shares; 1 to 6 bids (one valid, the rest
    /// fuzzed, some unrevealed); award; start (explicitly or by the first delivery); deliver in one fuzzed
    /// order and accept in another, with a fuzzed rejection and redelivery; everyone withdraws. The
    /// escrow ends empty, the winner nets exactly the price (received price + bond), the funder exactly
    /// budget − price + forfeited bonds back, and losers exactly their bonds (none if unrevealed).
    function testFuzz_fullPath_conservesValue(uint256 seed) public {
        uint256 funderBefore = token.balanceOf(treasury);
        Case memory c = _publish(
            bound(_rand(seed, "budget"), 1, 1e12),
            bound(_rand(seed, "bond"), 0, 1e9),
            splitShares(1 + (_rand(seed, "milestones") % 8), _rand(seed, "shares")),
            seed
        );
        Bidder[] memory bidders = _pathBidders(seed, 1 + (seed % SUPPLIERS), c.budget);
        uint256[] memory before = new uint256[](bidders.length);
        for (uint256 i = 0; i < bidders.length; ++i) {
            before[i] = token.balanceOf(bidders[i].account);
        }
        _commitAll(c, bidders, seed);
        Outcome memory o = _revealAndAward(c, bidders, _permutation(bidders.length, _rand(seed, "reveal order")));
        (bool found, uint256 w) = _reference(bidders, c.budget);
        assertTrue(found, "bidder 0's bid is valid");
        assertEq(o.winner, bidders[w].account, "winner vs reference");
        assertEq(o.price, bidders[w].price, "price vs reference");

        _perform(c, bidders[w].account, seed);

        // Everyone withdraws.
        for (uint256 i = 0; i < bidders.length; ++i) {
            _withdrawIfOwed(bidders[i].account);
        }
        _withdrawIfOwed(treasury);
        assertEq(token.balanceOf(address(escrow)), 0, "escrow balance after everyone withdrew");
        assertEq(escrow.obligations(), 0, "escrow obligations after everyone withdrew");
        _assertFinalBalances(c, bidders, before, w, o.price, funderBefore);
    }

    /// @dev After the full path: the winner (`w`) netted the price, revealed losers got their bond back,
    /// unrevealed ones lost it, and the funder paid the price less the forfeited bonds.
    function _assertFinalBalances(
        Case memory c,
        Bidder[] memory bidders,
        uint256[] memory before,
        uint256 w,
        uint256 price,
        uint256 funderBefore
    ) private view {
        uint256 forfeited;
        for (uint256 i = 0; i < bidders.length; ++i) {
            uint256 afterwards = token.balanceOf(bidders[i].account);
            if (i == w) {
                // Paid the bond in, received price + bond.
                assertEq(afterwards + c.bond - before[i], price + c.bond, "winner received price + bond");
            } else if (bidders[i].reveals) {
                assertEq(afterwards, before[i], "revealed loser got its bond back");
            } else {
                ++forfeited;
                assertEq(afterwards + c.bond, before[i], "unrevealed loser forfeited its bond");
            }
        }
        assertEq(
            token.balanceOf(treasury) + c.budget - funderBefore,
            c.budget - price + forfeited * c.bond,
            "funder received budget - price + forfeited bonds"
        );
    }

    // ===== NO ARITHMETIC PANIC =====

    /// @notice Any publication parameters (deadlines and complaint window over the whole uint48 range,
    /// budget and bond over uint256): publication either succeeds or reverts with a named error, and a
    /// published tender goes through commit, reveal, award, a complaint that lapses and the start of its
    /// contract without any call panicking (the bug: a complaint window of 2^48 - 1 was accepted and
    /// `award` overflowed).
    function testFuzz_publish_noArithmeticPanic(
        uint256 budget,
        uint256 bond,
        uint48 commitDeadline,
        uint48 revealDeadline,
        uint48 complaintWindow,
        uint256 seed
    ) public {
        // Half the runs near the limits, the others anywhere.
        if (seed % 2 == 0) {
            commitDeadline = uint48(block.timestamp + bound(commitDeadline, 0, 400 days));
            revealDeadline = commitDeadline + uint48(bound(revealDeadline, 0, 400 days));
            complaintWindow = uint48(bound(complaintWindow, 0, 400 days));
            budget = bound(budget, 0, 1e24);
            bond = bound(bond, 0, 1e6);
        }
        ITenderEscrow.PublishParams memory p = tenderParams(
            budget,
            bond,
            commitDeadline,
            revealDeadline,
            complaintWindow,
            splitShares(1 + (seed % 3), seed),
            licenseType
        );
        vm.prank(procurer);
        try escrow.publish(p) returns (uint256 id) {
            _runWithoutPanic(id, bond, commitDeadline, revealDeadline);
        } catch (bytes memory reason) {
            _assertNoPanic(reason, "publish");
        }
    }

    /// @dev Two bids, award, a complaint that lapses, the start: each call may refuse with a named error,
    /// never with a panic; the complaint, its lapse and the start must succeed.
    function _runWithoutPanic(uint256 id, uint256 bond, uint48 commitDeadline, uint48 revealDeadline) private {
        address[] memory ranked = new address[](2);
        for (uint256 i = 0; i < 2; ++i) {
            _depositBond(suppliers[i], bond);
            vm.prank(suppliers[i]);
            escrow.commitBid(id, sealedBid(address(escrow), id, suppliers[i], 1 + i, bytes32(i)));
        }
        vm.warp(commitDeadline);
        for (uint256 i = 0; i < 2; ++i) {
            vm.prank(suppliers[i]);
            escrow.revealBid(id, 1 + i, bytes32(i));
            ranked[i] = suppliers[i];
        }
        vm.warp(revealDeadline);
        try escrow.award(id, ranked) {} catch (bytes memory reason) {
            _assertNoPanic(reason, "award");
        }
        if (escrow.getTender(id).state != ITenderEscrow.TenderState.Awarded) return;
        vm.prank(suppliers[1]);
        try escrow.complain(id, "complaint") {} catch (bytes memory reason) {
            _assertNoPanic(reason, "complain");
            assertTrue(false, "the loser may complain in the window");
        }
        vm.warp(escrow.complaintsOf(id)[0].resolveBy);
        try escrow.lapseComplaint(id) {} catch (bytes memory reason) {
            _assertNoPanic(reason, "lapseComplaint");
            assertTrue(false, "an undecided complaint lapses");
        }
        ITenderEscrow.TenderView memory v = escrow.getTender(id);
        vm.warp(v.awardedAt + v.complaintWindow);
        try escrow.startContract(id) {} catch (bytes memory reason) {
            _assertNoPanic(reason, "startContract");
            assertTrue(false, "the contract starts once the window has passed");
        }
    }

    function _assertNoPanic(bytes memory reason, string memory what) private pure {
        if (reason.length < 4) return;
        assertTrue(bytes4(reason) != bytes4(keccak256("Panic(uint256)")), string.concat(what, " panicked"));
    }

    // ===== RE-AWARD =====

    /// @notice Three bidders reveal; the winner's award is upheld on complaint; the next-ranked bidder posts
    /// its performance bond from its credit (or, if it withdrew its credit first, is passed over and the
    /// third one, or nobody, wins); the contract is completed and everyone withdraws. The escrow ends
    /// empty and the new winner netted exactly its price, the bond coming back at completion.
    function testFuzz_resolveComplaint_reawardPostsPerformanceBond(uint256 seed) public {
        uint256 bond = bound(_rand(seed, "bond"), 1, 1e9);
        Case memory c = _publish(bound(_rand(seed, "budget"), 1_000, 1e12), bond, splitShares(1 + (seed % 3), seed), seed);
        address[] memory ranked = new address[](3);
        uint256[] memory before = new uint256[](3);
        for (uint256 i = 0; i < 3; ++i) {
            ranked[i] = suppliers[i];
            before[i] = token.balanceOf(suppliers[i]);
            _depositBond(suppliers[i], bond);
            vm.prank(suppliers[i]);
            escrow.commitBid(c.id, sealedBid(address(escrow), c.id, suppliers[i], c.budget / 10 * (i + 1), bytes32(i)));
        }
        uint256 treasuryBefore = token.balanceOf(treasury);
        vm.warp(c.commitDeadline);
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(suppliers[i]);
            escrow.revealBid(c.id, c.budget / 10 * (i + 1), bytes32(i));
        }
        vm.warp(c.revealDeadline);
        escrow.award(c.id, ranked);
        vm.prank(suppliers[1]);
        escrow.complain(c.id, "complaint");
        // The runner-up keeps its refunded bond as credit, or (one time in two) has withdrawn it.
        bool runnerUpWithdrew = _rand(seed, "withdrew") % 2 == 0;
        if (runnerUpWithdrew) {
            vm.prank(suppliers[1]);
            escrow.withdraw();
        }
        vm.prank(supervisor);
        escrow.resolveComplaint(c.id, true, "upheld", ranked);
        uint256 w = runnerUpWithdrew ? 2 : 1;
        ITenderEscrow.TenderView memory v = escrow.getTender(c.id);
        assertEq(v.winner, suppliers[w], "the next bidder that can post the bond wins");
        assertEq(v.performanceBond, bond, "the re-awarded winner holds a performance bond");
        assertEq(escrow.creditOf(suppliers[w]), 0, "its bond came from its credit");
        assertEq(escrow.obligations(), token.balanceOf(address(escrow)), "obligations vs balance after re-award");

        _perform(c, suppliers[w], seed);
        for (uint256 i = 0; i < 3; ++i) {
            _withdrawIfOwed(suppliers[i]);
        }
        _withdrawIfOwed(treasury);
        assertEq(token.balanceOf(address(escrow)), 0, "escrow balance after everyone withdrew");
        assertEq(escrow.obligations(), 0, "escrow obligations after everyone withdrew");
        uint256 price = c.budget / 10 * (w + 1);
        assertEq(token.balanceOf(suppliers[w]), before[w] + price, "the new winner netted its price");
        assertEq(token.balanceOf(suppliers[0]), before[0], "the disqualified winner got its bond back");
        // treasuryBefore was taken after publication: the unspent budget came back.
        assertEq(token.balanceOf(treasury), treasuryBefore + c.budget - price, "treasury paid exactly the price");
    }

    // ===== COUNTER LIMITS (reached by writing the counters: 65,535 amendments or 2^32 commitments are
    // out of reach of a test, and of any real tender) =====

    /// @notice The last amendment number is refused with TenderTooManyAmendments, not a panic.
    function test_amend_refusesPastTheLastAmendment() public {
        Case memory c = _publish(1_000, 0, splitShares(1, 0), 1);
        bytes32 slot = _tenderSlot0(c.id);
        // Slot 0: state (byte 0), commitDeadline (1-6), licenseTypeId (7-10), amendments (11-12), bids (13-17).
        uint256 word = uint256(_vmStorage().load(address(escrow), slot));
        assertEq(uint8(word), uint8(ITenderEscrow.TenderState.Open), "layout: state");
        assertEq(uint48(word >> 8), c.commitDeadline, "layout: commit deadline");
        _vmStorage().store(address(escrow), slot, bytes32(word | (uint256(type(uint16).max) << 88)));
        assertEq(escrow.getTender(c.id).amendments, type(uint16).max, "layout: amendments");
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TenderTooManyAmendments.selector, c.id, type(uint16).max));
        vm.prank(procurer);
        escrow.amend(c.id, "docs", c.commitDeadline, c.revealDeadline);
    }

    /// @notice A commitment past sequence number 2^32 - 1 is refused with TenderTooManyCommitments, not a panic.
    function test_commitBid_refusesPastTheLastSequence() public {
        Case memory c = _publish(1_000, 0, splitShares(1, 0), 1);
        bytes32 slot = _tenderSlot0(c.id);
        uint256 word = uint256(_vmStorage().load(address(escrow), slot));
        // bids (bytes 13-17): the last sequence number, no live bid.
        uint256 lastSequence = uint256(type(uint32).max) << 8;
        _vmStorage().store(address(escrow), slot, bytes32(word | (lastSequence << 104)));
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TenderTooManyCommitments.selector, c.id));
        vm.prank(suppliers[0]);
        escrow.commitBid(c.id, "commitment");
    }

    function _vmStorage() private pure returns (IVmStorage) {
        return IVmStorage(address(vm));
    }

    /// @dev The first storage slot of tender `id`: `_tenders` is the escrow's third slot (slot 0 packs
    /// AccessManaged's authority and flag with the supervisor and resolution period; slot 1 is the tender
    /// count). The tests check the layout before writing.
    function _tenderSlot0(uint256 id) private pure returns (bytes32) {
        return keccak256(abi.encode(id, uint256(2)));
    }

    // ===== PRIVATE =====

    function _publish(uint256 budget, uint256 bond, uint16[] memory shares, uint256 seed) private returns (Case memory c) {
        c.budget = budget;
        c.bond = bond;
        c.commitDeadline = uint48(block.timestamp + bound(_rand(seed, "commit"), 1, 30 days));
        c.revealDeadline = c.commitDeadline + uint48(bound(_rand(seed, "reveal"), 1, 30 days));
        c.complaintWindow = uint48(bound(_rand(seed, "window"), 1, 30 days));
        ITenderEscrow.PublishParams memory p = tenderParams(
            budget,
            bond,
            c.commitDeadline,
            c.revealDeadline,
            c.complaintWindow,
            shares,
            licenseType
        );
        vm.prank(procurer);
        c.id = escrow.publish(p);
        assertEq(token.balanceOf(address(escrow)), budget, "budget escrowed");
    }

    /// @dev Commits every bid in a fuzzed order, then lets some bidders replace theirs (possibly with a
    /// new price and salt) in another fuzzed order; `sequence` records the order of latest commitments.
    function _commitAll(Case memory c, Bidder[] memory bidders, uint256 seed) private {
        uint256 n = bidders.length;
        uint256 sequence;
        uint256[] memory order = _permutation(n, _rand(seed, "commit order"));
        for (uint256 k = 0; k < n; ++k) {
            // Each bidder pays its bond in before its first commit.
            _depositBond(bidders[order[k]].account, c.bond);
            _commit(c.id, bidders[order[k]]);
            bidders[order[k]].sequence = ++sequence;
        }
        order = _permutation(n, _rand(seed, "replace order"));
        for (uint256 k = 0; k < n; ++k) {
            Bidder memory b = bidders[order[k]];
            uint256 r = _rand(seed, keccak256(abi.encode("replace", order[k])));
            if (r % 4 != 0) continue;
            if ((r >> 8) % 2 == 0) {
                b.salt = keccak256(abi.encode(r, "new salt"));
                // A new price drawn like the first: within budget when the first was.
                b.price = b.price > c.budget ? c.budget + 1 : bound(r >> 16, 0, c.budget);
            }
            _commit(c.id, b);
            b.sequence = ++sequence;
        }
        vm.warp(c.commitDeadline);
    }

    function _commit(uint256 id, Bidder memory b) private {
        bytes32 commitment = sealedBid(address(escrow), id, b.account, b.price, b.salt);
        assertEq(escrow.commitmentOf(id, b.account, b.price, b.salt), commitment, "commitmentOf");
        vm.prank(b.account);
        escrow.commitBid(id, commitment);
    }

    /// @dev Reveals in `order` (a wrong reveal first where fuzzed, which must be refused), then awards.
    function _revealAndAward(Case memory c, Bidder[] memory bidders, uint256[] memory order)
        private
        returns (Outcome memory o)
    {
        vm.warp(c.commitDeadline);
        for (uint256 k = 0; k < order.length; ++k) {
            Bidder memory b = bidders[order[k]];
            if (!b.reveals) continue;
            if (b.wrongRevealFirst) {
                vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.TenderCommitmentMismatch.selector, c.id, b.account));
                vm.prank(b.account);
                escrow.revealBid(c.id, b.price + 1, b.salt);
            }
            vm.prank(b.account);
            escrow.revealBid(c.id, b.price, b.salt);
        }
        vm.warp(c.revealDeadline);
        escrow.award(c.id, _rankingOf(bidders));
        ITenderEscrow.TenderView memory v = escrow.getTender(c.id);
        o.state = v.state;
        o.winner = v.winner;
        o.price = v.price;
        o.performanceBond = v.performanceBond;
        o.funderCredit = escrow.creditOf(treasury);
        o.credits = new uint256[](bidders.length);
        for (uint256 i = 0; i < bidders.length; ++i) {
            o.credits[i] = escrow.creditOf(bidders[i].account);
        }
    }

    /// @dev Starts the contract (explicitly, or by the first delivery), delivers every milestone in one
    /// fuzzed order, rejects some once (to be delivered again) and accepts all in another fuzzed order,
    /// checking each payment.
    function _perform(Case memory c, address winner, uint256 seed) private {
        ITenderEscrow.TenderView memory v = escrow.getTender(c.id);
        vm.warp(v.awardedAt + c.complaintWindow);
        if (_rand(seed, "start") % 2 == 0) escrow.startContract(c.id);
        uint256 m = v.milestoneCount;
        uint256[] memory deliveries = _permutation(m, _rand(seed, "deliveries"));
        for (uint256 k = 0; k < m; ++k) {
            vm.prank(winner);
            escrow.deliverMilestone(c.id, uint8(deliveries[k]), keccak256(abi.encode("delivery", k)));
        }
        assertEq(uint256(escrow.getTender(c.id).state), uint256(ITenderEscrow.TenderState.Active), "active");
        assertEq(escrow.getTender(c.id).escrow, v.price, "escrow holds the price once started");

        uint256[] memory acceptances = _permutation(m, _rand(seed, "acceptances"));
        uint256 paid;
        for (uint256 k = 0; k < m; ++k) {
            bool redo = _rand(seed, bytes32(uint256(1000 + k))) % 4 == 0;
            paid += _acceptOne(c.id, winner, uint8(acceptances[k]), k + 1 == m, redo, v.price - paid);
        }
        v = escrow.getTender(c.id);
        assertEq(uint256(v.state), uint256(ITenderEscrow.TenderState.Completed), "completed");
        assertEq(v.paid, v.price, "paid the price exactly");
        assertEq(v.escrow, 0, "nothing left in the tender's escrow");
        assertEq(v.performanceBond, 0, "performance bond returned");
    }

    /// @dev Accepts milestone `i` (rejecting it once and having it delivered again first if `redo`) and
    /// checks the payment: its share of the price, or, for the `last`, the `rest` of the price plus the
    /// performance bond. Returns the amount paid for the milestone.
    function _acceptOne(uint256 id, address winner, uint8 i, bool last, bool redo, uint256 rest)
        private
        returns (uint256 amount)
    {
        if (redo) {
            vm.prank(acceptor);
            escrow.rejectMilestone(id, i, 2, keccak256("redo"));
            assertEq(uint256(escrow.milestonesOf(id)[i].state), uint256(ITenderEscrow.MilestoneState.Pending), "rejected");
            vm.prank(winner);
            escrow.deliverMilestone(id, i, keccak256(abi.encode("redelivery", i)));
        }
        ITenderEscrow.TenderView memory v = escrow.getTender(id);
        uint256 credit = escrow.creditOf(winner);
        vm.prank(acceptor);
        escrow.acceptMilestone(id, i);
        amount = last ? rest : (v.price * escrow.milestonesOf(id)[i].shareBps) / BPS;
        uint256 bondBack = last ? v.performanceBond : 0;
        assertEq(escrow.creditOf(winner) - credit, amount + bondBack, "milestone payment");
        assertEq(escrow.milestonesOf(id)[i].paid, amount, "milestone paid");
    }

    function _depositBond(address account, uint256 bond) private {
        if (bond == 0) return;
        vm.prank(account);
        escrow.depositBond(bond);
    }

    /// @dev The revealed bidders by (price, sequence), as `award` takes them (insertion sort).
    function _rankingOf(Bidder[] memory bidders) private pure returns (address[] memory ranked) {
        uint256[] memory order = new uint256[](bidders.length);
        uint256 n;
        for (uint256 i = 0; i < bidders.length; ++i) {
            if (!bidders[i].reveals) continue;
            uint256 k = n++;
            while (k > 0 && _before(bidders[i], bidders[order[k - 1]])) {
                order[k] = order[k - 1];
                --k;
            }
            order[k] = i;
        }
        ranked = new address[](n);
        for (uint256 i = 0; i < n; ++i) ranked[i] = bidders[order[i]].account;
    }

    function _before(Bidder memory x, Bidder memory y) private pure returns (bool) {
        return x.price < y.price || (x.price == y.price && x.sequence < y.sequence);
    }

    function _withdrawIfOwed(address account) private {
        if (escrow.creditOf(account) == 0) return;
        vm.prank(account);
        escrow.withdraw();
    }

    /// @dev The award rule, written independently: lowest price within budget among licensed revealers,
    /// ties to the earliest latest-commitment.
    function _reference(Bidder[] memory bidders, uint256 budget) private pure returns (bool found, uint256 best) {
        for (uint256 i = 0; i < bidders.length; ++i) {
            Bidder memory b = bidders[i];
            if (!b.reveals || !b.licensed || b.price > budget) continue;
            Bidder memory current = bidders[best];
            if (found && (b.price > current.price || (b.price == current.price && b.sequence > current.sequence))) {
                continue;
            }
            (found, best) = (true, i);
        }
    }

    /// @dev The full-path bidders: bidder 0 always makes a valid bid; the others may bid over budget, and
    /// one in three does not reveal.
    function _pathBidders(uint256 seed, uint256 n, uint256 budget) private view returns (Bidder[] memory bidders) {
        bidders = new Bidder[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 r = _rand(seed, bytes32(i));
            bidders[i].account = suppliers[i];
            bidders[i].price = i == 0 ? bound(r, 0, budget) : bound(r, 0, budget + budget / 4 + 1);
            bidders[i].salt = keccak256(abi.encode(r, "salt"));
            bidders[i].reveals = i == 0 || (r >> 128) % 3 != 0;
            bidders[i].licensed = true;
        }
    }

    /// @dev The award test's bidders: fuzzed prices, 3 in 4 reveal, 1 in 4 of those try a wrong reveal.
    function _awardTestBidders(uint256 seed, uint256 n, uint256 budget) private view returns (Bidder[] memory bidders) {
        bidders = new Bidder[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 r = _rand(seed, bytes32(i));
            bidders[i].account = suppliers[i];
            bidders[i].price = _awardTestPrice(r, budget);
            bidders[i].salt = keccak256(abi.encode(r, "salt"));
            bidders[i].reveals = (r >> 32) % 4 != 0;
            bidders[i].wrongRevealFirst = (r >> 40) % 4 == 0;
            bidders[i].licensed = true;
        }
    }

    /// @dev Prices for the award test: over budget, the budget, 0, or one of three close values (ties).
    function _awardTestPrice(uint256 r, uint256 budget) private pure returns (uint256) {
        uint256 kind = r % 8;
        if (kind == 0) return budget + 1 + ((r >> 8) % 1000);
        if (kind == 1) return budget;
        if (kind == 2) return 0;
        uint256 pick = (r >> 16) % 3;
        return pick == 0 ? budget / 2 : pick == 1 ? budget / 2 + 1 : budget / 3;
    }

    function _rand(uint256 seed, bytes32 tag) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, tag)));
    }

    /// @dev A Fisher-Yates permutation of 0 .. n-1.
    function _permutation(uint256 n, uint256 seed) private pure returns (uint256[] memory p) {
        p = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) p[i] = i;
        for (uint256 i = n; i > 1; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % i;
            (p[i - 1], p[j]) = (p[j], p[i - 1]);
        }
    }

    function _sameOrder(uint256[] memory a, uint256[] memory b) private pure returns (bool) {
        for (uint256 i = 0; i < a.length; ++i) {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    function _reversed(uint256[] memory a) private pure returns (uint256[] memory r) {
        r = new uint256[](a.length);
        for (uint256 i = 0; i < a.length; ++i) r[i] = a[a.length - 1 - i];
    }
}
