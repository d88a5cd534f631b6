// SPDX-License-Identifier: Apache-2.0
// Test names follow test_<function>_<behaviour>; the fixture, model, handler and tests share this file.
/* solhint-disable func-name-mixedcase, one-contract-per-file */
pragma solidity ^0.8.24;

// Tests read block.timestamp to steer and check time (vm.warp): that is their job, not business logic.
// solhint-disable not-rely-on-time

import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {DepartmentDirectory} from "../contracts/authority/DepartmentDirectory.sol";
import {GovchainAccessManager} from "../contracts/authority/GovchainAccessManager.sol";
import {IDepartmentDirectory} from "../contracts/interfaces/IDepartmentDirectory.sol";
import {DepartmentRoles} from "../contracts/libraries/DepartmentRoles.sol";

import {Test} from "./utils/Test.sol";

/// @dev The officials the tests appoint and remove (the heads are extra).
uint256 constant ACCOUNTS = 4;
/// @dev The departments, with ids 1 to DEPARTMENTS.
uint256 constant DEPARTMENTS = 2;
/// @dev The time of deployment. Everything before it is "before the departments existed".
uint48 constant START = 1_700_000_000;

/// @notice Deploys the manager and the directory, registers two departments and appoints their heads.
/// Four further accounts are the officials the tests appoint and remove.
abstract contract DirectoryFixture is Test {
    GovchainAccessManager internal manager;
    DepartmentDirectory internal directory;
    address internal admin;
    /// @dev heads[d] heads department d (1-based; heads[0] is unused).
    address[DEPARTMENTS + 1] internal heads;
    address[ACCOUNTS] internal accounts;

    function _deploy() internal {
        vm.warp(START);
        admin = makeAddr("admin");
        manager = new GovchainAccessManager(admin, 0);
        directory = new DepartmentDirectory(address(manager));

        vm.startPrank(admin);
        manager.setDepartmentDirectory(address(directory));
        directory.registerDepartment("SAMR", unicode"市场监督管理局", "Market Regulation Bureau", "");
        directory.registerDepartment("TAX", unicode"税务局", "Tax Bureau", "");
        heads[1] = makeAddr("head SAMR");
        heads[2] = makeAddr("head TAX");
        manager.grantRole(directory.headRole(1), heads[1], 0);
        manager.grantRole(directory.headRole(2), heads[2], 0);
        vm.stopPrank();

        accounts[0] = makeAddr("official 0");
        accounts[1] = makeAddr("official 1");
        accounts[2] = makeAddr("official 2");
        accounts[3] = makeAddr("official 3");
    }

    // ===== ACTIONS (as the account entitled to take them) =====

    function _appoint(uint32 dept, address account) internal {
        vm.prank(heads[dept]);
        manager.grantRole(DepartmentRoles.officialRole(dept), account, 0);
    }

    function _remove(uint32 dept, address account) internal {
        vm.prank(heads[dept]);
        manager.revokeRole(DepartmentRoles.officialRole(dept), account);
    }

    function _renounce(uint32 dept, address account) internal {
        vm.prank(account);
        manager.renounceRole(DepartmentRoles.officialRole(dept), account);
    }

    function _setActive(uint32 dept, bool active) internal {
        vm.prank(admin);
        directory.setDepartmentActive(dept, active);
    }

    function _now() internal view returns (uint48) {
        return uint48(block.timestamp);
    }
}

/// @notice A point-in-time model of the directory: after every action, a snapshot of who holds a seat
/// and which departments are active, stamped with the time. The state "at time t" is the last snapshot
/// taken at or before t (so several actions in one second leave the state of the last one), and nothing
/// existed before the first snapshot. This is deliberately a different representation from the
/// directory's half-open [from, until) intervals, so that agreement between the two means something.
abstract contract SnapshotModel {
    uint48[] internal snapTimes;
    uint256[] internal snapStates;

    function _servingBit(uint256 accountIndex, uint32 dept) internal pure returns (uint256) {
        return 1 << (accountIndex * DEPARTMENTS + dept - 1);
    }

    function _activeBit(uint32 dept) internal pure returns (uint256) {
        return 1 << (64 + dept);
    }

    function _snapshot(uint48 time, uint256 state) internal {
        snapTimes.push(time);
        snapStates.push(state);
    }

    function _stateAt(uint48 t) internal view returns (uint256) {
        for (uint256 i = snapTimes.length; i > 0; --i) {
            if (snapTimes[i - 1] <= t) return snapStates[i - 1];
        }
        return 0;
    }

    function _modelActiveAt(uint32 dept, uint48 t) internal view returns (bool) {
        return _stateAt(t) & _activeBit(dept) != 0;
    }

    function _modelOfficialAt(uint256 accountIndex, uint32 dept, uint48 t) internal view returns (bool) {
        uint256 s = _stateAt(t);
        return s & _servingBit(accountIndex, dept) != 0 && s & _activeBit(dept) != 0;
    }
}

// =====================================================================================================
// Unit and fuzz tests
// =====================================================================================================

contract DepartmentDirectoryTest is DirectoryFixture, SnapshotModel {
    uint256 private constant STEPS = 24;

    /// @dev One appointment as the model expects `appointmentsOf` to report it.
    struct ModelAppointment {
        uint32 dept;
        uint48 from;
        uint48 until;
    }

    // Ghost state of the fuzz test (storage is reset between fuzz runs).
    uint32[ACCOUNTS] private _seat;
    bool[DEPARTMENTS + 1] private _active;
    mapping(uint256 accountIndex => ModelAppointment[]) private _history;

    function setUp() public {
        _deploy();
    }

    // ===== UNIT TESTS =====

    function test_wasOfficialAt_halfOpenInterval() public {
        address a = accounts[0];
        _appoint(1, a);
        uint48 from = _now();
        vm.warp(from + 100);
        _remove(1, a);
        uint48 until = _now();

        assertFalse(directory.wasOfficialAt(1, a, from - 1), "before appointment");
        assertTrue(directory.wasOfficialAt(1, a, from), "at appointment");
        assertTrue(directory.wasOfficialAt(1, a, until - 1), "last second served");
        assertFalse(directory.wasOfficialAt(1, a, until), "at removal");
        assertFalse(directory.wasOfficialAt(2, a, from), "other department");
        assertFalse(directory.isOfficial(1, a), "isOfficial after removal");

        IDepartmentDirectory.Appointment[] memory history = directory.appointmentsOf(a);
        assertEq(history.length, 1, "appointments");
        assertEq(history[0].departmentId, 1, "departmentId");
        assertFalse(history[0].head, "head");
        assertEq(history[0].from, from, "from");
        assertEq(history[0].until, until, "until");
        assertEq(history[0].appointedBy, heads[1], "appointedBy");
    }

    function test_wasOfficialAt_sameSecondAppointAndRemoveNeverServed() public {
        address a = accounts[0];
        _appoint(1, a);
        assertTrue(directory.isOfficial(1, a), "serving before removal");
        _remove(1, a);
        uint48 t = _now();
        assertFalse(directory.wasOfficialAt(1, a, t), "[t, t) contains t");
        assertFalse(directory.isOfficial(1, a), "isOfficial");
        assertEq(directory.appointmentsOf(a).length, 1, "empty appointment kept");
    }

    function test_wasOfficialAt_movingDepartmentsKeepsBothHistories() public {
        address a = accounts[1];
        _appoint(1, a);
        uint48 t1 = _now();
        vm.warp(t1 + 10);
        _remove(1, a);
        _appoint(2, a); // same second: leaves department 1 and joins department 2 at t2
        uint48 t2 = _now();
        vm.warp(t2 + 10);

        assertTrue(directory.wasOfficialAt(1, a, t1), "dept 1 at t1");
        assertFalse(directory.wasOfficialAt(2, a, t1), "dept 2 at t1");
        assertFalse(directory.wasOfficialAt(1, a, t2), "dept 1 at t2");
        assertTrue(directory.wasOfficialAt(2, a, t2), "dept 2 at t2");
        assertTrue(directory.isOfficial(2, a), "isOfficial dept 2");
        assertFalse(directory.isOfficial(1, a), "isOfficial dept 1");
        assertEq(directory.appointmentsOf(a).length, 2, "appointments");
    }

    function test_wasOfficialAt_falseWhileDepartmentInactive() public {
        address a = accounts[0];
        _appoint(1, a);
        uint48 appointed = _now();
        vm.warp(appointed + 10);
        _setActive(1, false);
        uint48 deactivated = _now();
        assertFalse(directory.isOfficial(1, a), "isOfficial while inactive");
        assertFalse(directory.isHead(1, heads[1]), "isHead while inactive");
        (uint32 seatDept, ) = directory.seatOf(a);
        assertEq(seatDept, 1, "the seat survives deactivation");

        vm.warp(deactivated + 10);
        _setActive(1, true);
        uint48 reactivated = _now();

        assertTrue(directory.isOfficial(1, a), "isOfficial after reactivation");
        assertTrue(directory.wasOfficialAt(1, a, deactivated - 1), "before deactivation");
        assertFalse(directory.wasOfficialAt(1, a, deactivated), "at deactivation");
        assertFalse(directory.wasOfficialAt(1, a, reactivated - 1), "while inactive");
        assertTrue(directory.wasOfficialAt(1, a, reactivated), "at reactivation");
        assertFalse(directory.wasActiveAt(1, deactivated), "wasActiveAt while inactive");
        assertTrue(directory.wasActiveAt(1, reactivated), "wasActiveAt after reactivation");
        assertEq(directory.activePeriodsOf(1).length, 2, "active periods");
    }

    function test_grantRole_revertsWhileServingElsewhere() public {
        address a = accounts[0];
        _appoint(1, a);
        vm.expectRevert(abi.encodeWithSelector(IDepartmentDirectory.DirectoryAlreadyServing.selector, a, 1, false));
        _appoint(2, a);
        vm.expectRevert(abi.encodeWithSelector(IDepartmentDirectory.DirectoryAlreadyServing.selector, a, 1, false));
        _appoint(1, a);
    }

    function test_grantRole_revertsWhenDepartmentInactive() public {
        _setActive(2, false);
        vm.expectRevert(abi.encodeWithSelector(IDepartmentDirectory.DirectoryDepartmentInactive.selector, 2));
        _appoint(2, accounts[0]);
    }

    function test_grantRole_revertsForHeadOfAnotherDepartment() public {
        uint64 role = directory.officialRole(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessManager.AccessManagerUnauthorizedAccount.selector,
                heads[2],
                directory.headRole(1)
            )
        );
        vm.prank(heads[2]);
        manager.grantRole(role, accounts[0], 0);
    }

    function test_revokeRole_revertsWhenNotServing() public {
        address a = accounts[0];
        _appoint(1, a);
        uint64 role = directory.officialRole(2);
        vm.expectRevert(
            abi.encodeWithSelector(GovchainAccessManager.GovchainAccessManagerNotMember.selector, role, a)
        );
        _remove(2, a);
    }

    function test_onDepartmentRoleGranted_revertsUnlessManager() public {
        uint64 role = directory.officialRole(1);
        vm.expectRevert(abi.encodeWithSelector(IDepartmentDirectory.DirectoryUnauthorizedHook.selector, admin));
        vm.prank(admin);
        directory.onDepartmentRoleGranted(role, accounts[0], admin, _now());
    }

    // ===== FUZZ TEST =====

    /// @notice A random sequence of appointments, removals (by the head or by renouncing), deactivations,
    /// reactivations and time gaps (a third of them zero, so several actions share a second). Invalid
    /// actions must revert with the right error and change nothing. Afterwards `wasOfficialAt` must match
    /// the snapshot model at every step's time and the seconds either side, and `isOfficial`,
    /// `seatOf` and `appointmentsOf` must match it now.
    /// @param steps one seed per step; see `_step` for how a seed's hash becomes an action and a time gap.
    function testFuzz_appointRemove_pointInTimeConsistent(uint256[STEPS] memory steps) public {
        for (uint256 d = 1; d <= DEPARTMENTS; ++d) _active[d] = true;
        _snapshot(_now(), _modelState());

        for (uint256 i = 0; i < STEPS; ++i) {
            // Hashing spreads the fuzzer's favourite inputs (0, max, repeated words) over all kinds of step.
            _step(uint256(keccak256(abi.encode(steps[i], i))));
            _snapshot(_now(), _modelState());
            for (uint256 a = 0; a < ACCOUNTS; ++a) {
                for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
                    assertEq(directory.isOfficial(d, accounts[a]), _modelOfficialAt(a, d, _now()), "isOfficial");
                }
            }
        }

        _checkHistory();
        _checkNow();
    }

    // ===== FUZZ HELPERS =====

    /// @dev Three steps in four are steered towards a valid action (a free account joins an active
    /// department, a serving account leaves its own department, a department flips its status); the
    /// fourth is taken as drawn, which is often invalid and must revert.
    function _step(uint256 word) private {
        uint256 op = word % 100;
        uint256 a = (word >> 8) % ACCOUNTS;
        uint32 dept = uint32(1 + ((word >> 16) % DEPARTMENTS));
        uint256 gapKind = (word >> 24) % 8;
        uint256 gap = gapKind < 3 ? 0 : gapKind == 3 ? 1 : 2 + ((word >> 32) % 3 days);
        bool steer = (word >> 64) % 4 != 0;

        vm.warp(block.timestamp + gap);
        if (op < 40) {
            if (steer) {
                a = _nextAccount(a, true);
                if (!_active[dept]) dept = uint32(DEPARTMENTS + 1) - dept;
            }
            _fuzzAppoint(a, dept);
        } else if (op < 80) {
            if (steer) {
                a = _nextAccount(a, false);
                if (_seat[a] != 0) dept = _seat[a];
            }
            _fuzzRemove(a, dept, op >= 70);
        } else {
            bool active = steer ? !_active[dept] : (word >> 72) % 2 == 0;
            _fuzzSetActive(dept, active);
        }
    }

    /// @dev The first account from `a` on that is free (`free`) or serving (`!free`); `a` if there is none.
    function _nextAccount(uint256 a, bool free) private view returns (uint256) {
        for (uint256 k = 0; k < ACCOUNTS; ++k) {
            uint256 b = (a + k) % ACCOUNTS;
            if ((_seat[b] == 0) == free) return b;
        }
        return a;
    }

    function _fuzzAppoint(uint256 a, uint32 dept) private {
        address account = accounts[a];
        if (!_active[dept]) {
            vm.expectRevert(abi.encodeWithSelector(IDepartmentDirectory.DirectoryDepartmentInactive.selector, dept));
        } else if (_seat[a] != 0) {
            vm.expectRevert(
                abi.encodeWithSelector(IDepartmentDirectory.DirectoryAlreadyServing.selector, account, _seat[a], false)
            );
        } else {
            _seat[a] = dept;
            _history[a].push(ModelAppointment({dept: dept, from: _now(), until: 0}));
        }
        _appoint(dept, account);
    }

    function _fuzzRemove(uint256 a, uint32 dept, bool renounce) private {
        address account = accounts[a];
        bool valid = _seat[a] == dept;
        if (valid) {
            _seat[a] = 0;
            ModelAppointment[] storage h = _history[a];
            h[h.length - 1].until = _now();
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(
                    GovchainAccessManager.GovchainAccessManagerNotMember.selector,
                    DepartmentRoles.officialRole(dept),
                    account
                )
            );
        }
        if (renounce) _renounce(dept, account);
        else _remove(dept, account);

        // A removal never changes the answer for any earlier second.
        if (valid) {
            for (uint256 i = 0; i < snapTimes.length; ++i) {
                uint48 t = snapTimes[i];
                if (t >= _now()) break;
                _checkOfficialAt(a, dept, t);
            }
        }
    }

    function _fuzzSetActive(uint32 dept, bool active) private {
        if (_active[dept] == active) {
            vm.expectRevert(
                abi.encodeWithSelector(IDepartmentDirectory.DirectoryDepartmentStatusUnchanged.selector, dept, active)
            );
        } else {
            _active[dept] = active;
        }
        _setActive(dept, active);
    }

    function _modelState() private view returns (uint256 state) {
        for (uint256 a = 0; a < ACCOUNTS; ++a) {
            if (_seat[a] != 0) state |= _servingBit(a, _seat[a]);
        }
        for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
            if (_active[d]) state |= _activeBit(d);
        }
    }

    /// @dev Every snapshot's second and the seconds either side, for every account (and head) and department.
    function _checkHistory() private view {
        for (uint256 i = 0; i < snapTimes.length; ++i) {
            if (i > 0 && snapTimes[i] == snapTimes[i - 1]) continue;
            for (uint48 t = snapTimes[i] - 1; t <= snapTimes[i] + 1; ++t) {
                for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
                    bool active = _modelActiveAt(d, t);
                    assertEq(directory.wasActiveAt(d, t), active, "wasActiveAt");
                    // Heads are appointed at START and never removed: they served exactly while active.
                    assertEq(directory.wasOfficialAt(d, heads[d], t), active, "wasOfficialAt(head)");
                    for (uint256 a = 0; a < ACCOUNTS; ++a) {
                        _checkOfficialAt(a, d, t);
                    }
                }
            }
        }
    }

    function _checkNow() private view {
        for (uint256 a = 0; a < ACCOUNTS; ++a) {
            address account = accounts[a];
            for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
                bool expected = _modelOfficialAt(a, d, _now());
                assertEq(directory.isOfficial(d, account), expected, "isOfficial now");
                assertEq(directory.wasOfficialAt(d, account, _now()), expected, "wasOfficialAt now");
            }
            (uint32 seatDept, bool head) = directory.seatOf(account);
            assertEq(seatDept, _seat[a], "seatOf");
            assertFalse(head, "seatOf head");
            uint32 acting = _seat[a] != 0 && _active[_seat[a]] ? _seat[a] : 0;
            assertEq(directory.actingDepartmentOf(account), acting, "actingDepartmentOf");

            IDepartmentDirectory.Appointment[] memory got = directory.appointmentsOf(account);
            ModelAppointment[] storage want = _history[a];
            assertEq(got.length, want.length, "appointmentsOf length");
            for (uint256 i = 0; i < got.length; ++i) {
                assertEq(got[i].departmentId, want[i].dept, "appointment departmentId");
                assertFalse(got[i].head, "appointment head");
                assertEq(got[i].from, want[i].from, "appointment from");
                assertEq(got[i].until, want[i].until, "appointment until");
                assertEq(got[i].appointedBy, heads[want[i].dept], "appointment appointedBy");
            }
        }
        for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
            assertEq(directory.isActive(d), _active[d], "isActive");
        }
    }

    function _checkOfficialAt(uint256 a, uint32 dept, uint48 t) private view {
        bool expected = _modelOfficialAt(a, dept, t);
        if (directory.wasOfficialAt(dept, accounts[a], t) != expected) {
            fail(
                string.concat(
                    "wasOfficialAt(dept ",
                    Strings.toString(dept),
                    ", official ",
                    Strings.toString(a),
                    ", t ",
                    Strings.toString(t),
                    ") should be ",
                    expected ? "true" : "false"
                )
            );
        }
    }
}

// =====================================================================================================
// Invariant test
// =====================================================================================================

/// @notice The invariant fuzzer's only target. Every action it offers is valid by construction (the
/// fuzzed arguments only choose among valid actions), so any revert is a bug: the invariants run with
/// `failOnRevert = true`. Time is kept in `currentTime` and re-applied at the start of every call,
/// because a runner need not carry `vm.warp` from one fuzzed call to the next.
contract DirectoryHandler is Test, SnapshotModel {
    GovchainAccessManager private immutable _manager;
    DepartmentDirectory private immutable _directory;
    address private immutable _admin;
    address[DEPARTMENTS + 1] private _heads;
    address[ACCOUNTS] private _accounts;

    uint48 public currentTime;
    uint32[ACCOUNTS] public seat;
    bool[DEPARTMENTS + 1] public active;
    uint256[ACCOUNTS] public appointmentCount;

    /// @notice How often each action ran (a quick check that the fuzzer reaches all of them).
    uint256 public appointments;
    uint256 public removals;
    uint256 public statusChanges;

    modifier atCurrentTime() {
        vm.warp(currentTime);
        _;
        _snapshot(currentTime, _modelState());
    }

    constructor(
        GovchainAccessManager manager_,
        DepartmentDirectory directory_,
        address admin_,
        address[DEPARTMENTS + 1] memory heads_,
        address[ACCOUNTS] memory accounts_
    ) {
        _manager = manager_;
        _directory = directory_;
        _admin = admin_;
        _heads = heads_;
        _accounts = accounts_;
        currentTime = uint48(block.timestamp);
        for (uint256 d = 1; d <= DEPARTMENTS; ++d) active[d] = true;
        _snapshot(currentTime, _modelState());
    }

    // ===== ACTIONS =====

    /// @notice The first account from `accountSeed` on that holds no seat joins department `deptSeed`
    /// (or the other one if that is inactive). Does nothing if nobody is free or both are inactive.
    function appoint(uint256 accountSeed, uint256 deptSeed) external atCurrentTime {
        uint32 dept = uint32(1 + (deptSeed % DEPARTMENTS));
        if (!active[dept]) dept = uint32(DEPARTMENTS + 1) - dept;
        if (!active[dept]) return;
        for (uint256 k = 0; k < ACCOUNTS; ++k) {
            uint256 a = ((accountSeed % ACCOUNTS) + k) % ACCOUNTS;
            if (seat[a] != 0) continue;
            vm.prank(_heads[dept]);
            _manager.grantRole(DepartmentRoles.officialRole(dept), _accounts[a], 0);
            seat[a] = dept;
            ++appointmentCount[a];
            ++appointments;
            return;
        }
    }

    /// @notice The first account from `accountSeed` on that holds a seat loses it: removed by its head,
    /// or it renounces if `byRenouncing`.
    function remove(uint256 accountSeed, bool byRenouncing) external atCurrentTime {
        for (uint256 k = 0; k < ACCOUNTS; ++k) {
            uint256 a = ((accountSeed % ACCOUNTS) + k) % ACCOUNTS;
            uint32 dept = seat[a];
            if (dept == 0) continue;
            uint64 role = DepartmentRoles.officialRole(dept);
            if (byRenouncing) {
                vm.prank(_accounts[a]);
                _manager.renounceRole(role, _accounts[a]);
            } else {
                vm.prank(_heads[dept]);
                _manager.revokeRole(role, _accounts[a]);
            }
            seat[a] = 0;
            ++removals;
            return;
        }
    }

    /// @notice Deactivates department `deptSeed` if it is active, reactivates it otherwise.
    function toggleDepartment(uint256 deptSeed) external atCurrentTime {
        uint32 dept = uint32(1 + (deptSeed % DEPARTMENTS));
        bool next = !active[dept];
        vm.prank(_admin);
        _directory.setDepartmentActive(dept, next);
        active[dept] = next;
        ++statusChanges;
    }

    /// @notice Moves time forward by 0 to 2 days; half of the calls by 0 or 1 second.
    function warp(uint256 seed) external atCurrentTime {
        uint256 gap = seed % 4 == 0 ? 0 : seed % 4 == 1 ? 1 : bound(seed >> 8, 2, 2 days);
        currentTime += uint48(gap);
        vm.warp(currentTime);
    }

    // ===== MODEL VIEWS (for the invariants) =====

    function snapshotCount() external view returns (uint256) {
        return snapTimes.length;
    }

    function snapshotTime(uint256 i) external view returns (uint48) {
        return snapTimes[i];
    }

    function modelOfficialAt(uint256 accountIndex, uint32 dept, uint48 t) external view returns (bool) {
        return _modelOfficialAt(accountIndex, dept, t);
    }

    function _modelState() private view returns (uint256 state) {
        for (uint256 a = 0; a < ACCOUNTS; ++a) {
            if (seat[a] != 0) state |= _servingBit(a, seat[a]);
        }
        for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
            if (active[d]) state |= _activeBit(d);
        }
    }
}

contract DepartmentDirectoryInvariantTest is DirectoryFixture {
    DirectoryHandler private _handler;

    function setUp() public {
        _deploy();
        _handler = new DirectoryHandler(manager, directory, admin, heads, accounts);
        targetContract(address(_handler));
    }

    /// @notice Now: `isOfficial` agrees with the handler's model and with `wasOfficialAt(now)`, every
    /// account holds at most one seat, the one the model says, and `actingDepartmentOf` names it while
    /// its department is active.
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_isOfficialMatchesModelNow() public {
        uint48 t = _handler.currentTime();
        vm.warp(t);
        for (uint256 a = 0; a < ACCOUNTS; ++a) {
            address account = accounts[a];
            uint256 seats;
            for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
                bool official = directory.isOfficial(d, account);
                assertEq(official, _handler.modelOfficialAt(a, d, t), "isOfficial vs model");
                assertEq(directory.wasOfficialAt(d, account, t), official, "wasOfficialAt(now) vs isOfficial");
                if (official) ++seats;
            }
            assertLe(seats, 1, "one seat at a time");
            uint32 modelSeat = _handler.seat(a);
            (uint32 seatDept, ) = directory.seatOf(account);
            assertEq(seatDept, modelSeat, "seatOf vs model");
            uint32 acting = modelSeat != 0 && _handler.active(modelSeat) ? modelSeat : 0;
            assertEq(directory.actingDepartmentOf(account), acting, "actingDepartmentOf vs model");
            assertEq(directory.appointmentsOf(account).length, _handler.appointmentCount(a), "appointments");
        }
        for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
            assertEq(directory.isActive(d), _handler.active(d), "isActive vs model");
        }
    }

    /// @notice The past: at every second an action happened (and the second before it), `wasOfficialAt`
    /// still gives the answer the model recorded then, however many removals came after.
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_pastAnswersNeverChange() public {
        vm.warp(_handler.currentTime());
        uint256 n = _handler.snapshotCount();
        uint48 previous = 0;
        for (uint256 i = 0; i < n; ++i) {
            uint48 t = _handler.snapshotTime(i);
            if (t == previous) continue;
            previous = t;
            for (uint48 s = t - 1; s <= t; ++s) {
                for (uint256 a = 0; a < ACCOUNTS; ++a) {
                    for (uint32 d = 1; d <= DEPARTMENTS; ++d) {
                        assertEq(
                            directory.wasOfficialAt(d, accounts[a], s),
                            _handler.modelOfficialAt(a, d, s),
                            "wasOfficialAt vs model"
                        );
                    }
                }
            }
        }
    }
}
