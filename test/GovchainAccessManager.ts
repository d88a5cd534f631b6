import { expect } from "chai";
import { network } from "hardhat";

import { ADMIN_ROLE, GUARDIAN_ROLE, headRole, officialRole } from "../lib/departments.js";
import { deployAuthority, deployAuthorityWithDepartments } from "./helpers/authority.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const DAY = 24 * 60 * 60;

async function authorityFixture() {
  return deployAuthority(connection);
}

/** A production-like deployment: new admins wait a day, every admin action waits an hour. */
async function timeLockedFixture() {
  const deployed = await deployAuthority(connection, {
    minSetback: DAY,
    adminGrantDelay: DAY,
    adminExecutionDelay: 3600,
  });
  // AccessManager applies a new grant delay only after minSetback, even when it increases.
  await time.increase(DAY);
  const signers = await ethers.getSigners();
  return { ...deployed, outsider: signers[5], newAdmin: signers[6] };
}

async function departmentsFixture() {
  return deployAuthorityWithDepartments(connection, 2);
}

describe("GovchainAccessManager", function () {
  describe("deployment through the Authority module", function () {
    it("wires the directory, the guardian and the administrator", async function () {
      const { manager, directory, admin, guardian } = await loadFixture(authorityFixture);
      expect(await manager.departmentDirectory()).to.equal(await directory.getAddress());
      expect(await directory.authority()).to.equal(await manager.getAddress());
      expect(await manager.hasRole(ADMIN_ROLE, admin.address)).to.deep.equal([true, 0n]);
      expect(await manager.hasRole(GUARDIAN_ROLE, guardian.address)).to.deep.equal([true, 0n]);
      expect(await manager.admins()).to.deep.equal([admin.address]);
      expect(await manager.effectiveAdminCount()).to.equal(1n);
      expect(await manager.minSetback()).to.equal(0n);
      expect(await manager.GUARDIAN_ROLE()).to.equal(GUARDIAN_ROLE);
    });

    it("applies the grant delay after minSetback and the execution delay at once", async function () {
      const { manager, admin } = await deployAuthority(connection, {
        minSetback: DAY,
        adminGrantDelay: DAY,
        adminExecutionDelay: 3600,
      });
      expect(await manager.getRoleGrantDelay(ADMIN_ROLE)).to.equal(0n);
      await time.increase(DAY);
      expect(await manager.minSetback()).to.equal(BigInt(DAY));
      expect(await manager.getRoleGrantDelay(ADMIN_ROLE)).to.equal(BigInt(DAY));
      expect(await manager.hasRole(ADMIN_ROLE, admin.address)).to.deep.equal([true, 3600n]);
    });
  });

  describe("the administrator role cannot be lost", function () {
    it("reverts when the last administrator renounces", async function () {
      const { manager, admin } = await loadFixture(authorityFixture);
      await expect(manager.renounceRole(ADMIN_ROLE, admin.address))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerLastAdmin")
        .withArgs(admin.address);
      expect(await manager.effectiveAdminCount()).to.equal(1n);
    });

    it("reverts when the last administrator revokes themself", async function () {
      const { manager, admin } = await loadFixture(authorityFixture);
      await expect(manager.revokeRole(ADMIN_ROLE, admin.address))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerLastAdmin")
        .withArgs(admin.address);
    });

    it("a new administrator counts only after the grant delay; then the old one may leave", async function () {
      const { manager, admin, newAdmin } = await loadFixture(timeLockedFixture);
      // Granting ADMIN_ROLE is itself an admin action, so it is scheduled first.
      const grant = manager.interface.encodeFunctionData("grantRole", [ADMIN_ROLE, newAdmin.address, 0]);
      await manager.schedule(await manager.getAddress(), grant, 0);
      await time.increase(3600);
      const at = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(at);
      const tx = manager.execute(await manager.getAddress(), grant);
      const since = at + BigInt(DAY);
      await expect(tx).to.emit(manager, "RoleGranted").withArgs(ADMIN_ROLE, newAdmin.address, 0n, since, true);
      expect(await manager.hasRole(ADMIN_ROLE, newAdmin.address)).to.deep.equal([false, 0n]);
      expect(await manager.admins()).to.deep.equal([admin.address, newAdmin.address]);
      expect(await manager.effectiveAdminCount()).to.equal(1n);
      // The pending administrator does not count: the current one still cannot leave.
      await expect(manager.renounceRole(ADMIN_ROLE, admin.address))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerLastAdmin")
        .withArgs(admin.address);

      await time.increase(DAY);
      expect(await manager.effectiveAdminCount()).to.equal(2n);
      await expect(manager.renounceRole(ADMIN_ROLE, admin.address))
        .to.emit(manager, "RoleRevoked")
        .withArgs(ADMIN_ROLE, admin.address);
      expect(await manager.admins()).to.deep.equal([newAdmin.address]);
      await expect(manager.connect(newAdmin).renounceRole(ADMIN_ROLE, newAdmin.address))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerLastAdmin")
        .withArgs(newAdmin.address);
    });
  });

  describe("time-locked administrator actions", function () {
    it("an admin action must be scheduled and waits for the execution delay", async function () {
      const { manager, directory, admin } = await loadFixture(timeLockedFixture);
      const target = await directory.getAddress();
      const data = directory.interface.encodeFunctionData("registerDepartment", ["MNR", "自然资源局", "Natural Resources Bureau", ""]);
      const operationId = await manager.hashOperation(admin.address, target, data);

      await expect(directory.registerDepartment("MNR", "自然资源局", "Natural Resources Bureau", ""))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled")
        .withArgs(operationId);

      const at = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(at);
      const when = at + 3600n;
      await expect(manager.schedule(target, data, 0))
        .to.emit(manager, "OperationScheduled")
        .withArgs(operationId, 1n, when, admin.address, target, data);
      await expect(manager.execute(target, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotReady")
        .withArgs(operationId);

      await time.increaseTo(when);
      await expect(manager.execute(target, data)).to.emit(directory, "DepartmentRegistered");
      expect(await directory.departmentCount()).to.equal(1n);
    });

    it("the guardian cancels a scheduled operation, which can then never execute", async function () {
      const { manager, directory, admin, guardian } = await loadFixture(timeLockedFixture);
      const target = await directory.getAddress();
      const data = directory.interface.encodeFunctionData("registerDepartment", ["FIN", "财政局", "Finance Bureau", ""]);
      const operationId = await manager.hashOperation(admin.address, target, data);
      await manager.schedule(target, data, 0);

      await expect(manager.connect(guardian).cancel(admin.address, target, data))
        .to.emit(manager, "OperationCanceled")
        .withArgs(operationId, 1n);
      await time.increase(3600);
      await expect(manager.execute(target, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled")
        .withArgs(operationId);
      expect(await directory.departmentCount()).to.equal(0n);
    });

    it("the guardian cancels a scheduled grant of the administrator role", async function () {
      const { manager, admin, guardian, newAdmin } = await loadFixture(timeLockedFixture);
      const target = await manager.getAddress();
      const data = manager.interface.encodeFunctionData("grantRole", [ADMIN_ROLE, newAdmin.address, 0]);
      await manager.schedule(target, data, 0);
      await expect(manager.connect(guardian).cancel(admin.address, target, data)).to.emit(manager, "OperationCanceled");
    });

    it("reverts when someone who is neither guardian nor admin cancels", async function () {
      const { manager, directory, admin, outsider } = await loadFixture(timeLockedFixture);
      const target = await directory.getAddress();
      const data = directory.interface.encodeFunctionData("registerDepartment", ["FIN", "财政局", "Finance Bureau", ""]);
      await manager.schedule(target, data, 0);
      await expect(manager.connect(outsider).cancel(admin.address, target, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedCancel")
        .withArgs(outsider.address, admin.address, target, directory.interface.getFunction("registerDepartment").selector);
    });
  });

  describe("department roles", function () {
    it("have fixed admins: officials under their head, heads under the administrator", async function () {
      const { manager } = await loadFixture(authorityFixture);
      expect(await manager.getRoleAdmin(officialRole(3))).to.equal(headRole(3));
      expect(await manager.getRoleAdmin(headRole(3))).to.equal(ADMIN_ROLE);
      expect(await manager.getRoleAdmin(GUARDIAN_ROLE)).to.equal(ADMIN_ROLE);
    });

    it("reverts when the administrator tries to change a department role's admin", async function () {
      const { manager } = await loadFixture(authorityFixture);
      await expect(manager.setRoleAdmin(officialRole(1), ADMIN_ROLE))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerFixedRoleAdmin")
        .withArgs(officialRole(1));
    });

    it("still lets the administrator set the admin of a platform role", async function () {
      const { manager } = await loadFixture(authorityFixture);
      await expect(manager.setRoleAdmin(7, GUARDIAN_ROLE)).to.emit(manager, "RoleAdminChanged").withArgs(7n, GUARDIAN_ROLE);
      expect(await manager.getRoleAdmin(7)).to.equal(GUARDIAN_ROLE);
    });

    it("cannot be granted before a directory is set", async function () {
      const [admin, other] = await ethers.getSigners();
      const bare = await ethers.deployContract("GovchainAccessManager", [admin.address, 0]);
      await expect(bare.grantRole(headRole(1), other.address, 0))
        .to.be.revertedWithCustomError(bare, "GovchainAccessManagerNoDirectory")
        .withArgs(headRole(1));
      // Platform roles need no directory.
      await expect(bare.grantRole(GUARDIAN_ROLE, other.address, 0)).to.emit(bare, "RoleGranted");
    });
  });

  describe("setDepartmentDirectory", function () {
    it("sets the directory once and emits DepartmentDirectorySet", async function () {
      const [admin, other] = await ethers.getSigners();
      const bare = await ethers.deployContract("GovchainAccessManager", [admin.address, 0]);
      await expect(bare.setDepartmentDirectory(other.address))
        .to.emit(bare, "DepartmentDirectorySet")
        .withArgs(other.address);
      await expect(bare.setDepartmentDirectory(admin.address))
        .to.be.revertedWithCustomError(bare, "GovchainAccessManagerDirectoryAlreadySet")
        .withArgs(other.address);
    });

    it("reverts on the zero address", async function () {
      const [admin] = await ethers.getSigners();
      const bare = await ethers.deployContract("GovchainAccessManager", [admin.address, 0]);
      await expect(bare.setDepartmentDirectory(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        bare,
        "GovchainAccessManagerZeroAddress",
      );
    });

    it("reverts for anyone but the administrator", async function () {
      const { manager, guardian } = await loadFixture(authorityFixture);
      await expect(manager.connect(guardian).setDepartmentDirectory(guardian.address))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(guardian.address, ADMIN_ROLE);
    });
  });

  describe("emergency pause (setTargetClosed)", function () {
    it("the guardian closes a contract at once; only the administrator reopens it", async function () {
      const { manager, directory, guardian } = await loadFixture(departmentsFixture);
      const target = await directory.getAddress();
      await expect(manager.connect(guardian).setTargetClosed(target, true)).to.emit(manager, "TargetClosed").withArgs(target, true);
      expect(await manager.isTargetClosed(target)).to.equal(true);
      await expect(manager.connect(guardian).setTargetClosed(target, false))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(guardian.address, ADMIN_ROLE);
      await expect(manager.setTargetClosed(target, false)).to.emit(manager, "TargetClosed").withArgs(target, false);
    });

    it("reopening waits for the administrators' execution delay and the guardian can cancel it", async function () {
      const { manager, directory, guardian } = await loadFixture(timeLockedFixture);
      const target = await directory.getAddress();
      await manager.connect(guardian).setTargetClosed(target, true);
      const data = manager.interface.encodeFunctionData("setTargetClosed", [target, false]);
      await expect(manager.setTargetClosed(target, false))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled");
      const managerAddress = await manager.getAddress();
      await manager.schedule(managerAddress, data, 0);
      await expect(manager.execute(managerAddress, data)).to.be.revertedWithCustomError(manager, "AccessManagerNotReady");
      await time.increase(3600);
      await expect(manager.execute(managerAddress, data)).to.emit(manager, "TargetClosed").withArgs(target, false);
    });

    it("refuses anyone else, and a guardian closing the manager itself", async function () {
      const { manager, directory, guardian, outsider } = await loadFixture(departmentsFixture);
      await expect(manager.connect(outsider).setTargetClosed(await directory.getAddress(), true))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(outsider.address, ADMIN_ROLE);
      await expect(manager.connect(guardian).setTargetClosed(await manager.getAddress(), true))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(guardian.address, ADMIN_ROLE);
    });

    it("reverts with GovchainAccessManagerTargetStatusUnchanged when nothing would change", async function () {
      const { manager, directory, guardian } = await loadFixture(departmentsFixture);
      const target = await directory.getAddress();
      await expect(manager.setTargetClosed(target, false))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerTargetStatusUnchanged")
        .withArgs(target, false);
      await manager.connect(guardian).setTargetClosed(target, true);
      await expect(manager.connect(guardian).setTargetClosed(target, true))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerTargetStatusUnchanged")
        .withArgs(target, true);
    });
  });

  describe("separation of duties", function () {
    it("refuses ADMIN_ROLE or GUARDIAN_ROLE to a serving head or official (GovchainAccessManagerSeatHolder)", async function () {
      const { manager, departments } = await loadFixture(departmentsFixture);
      const { head, official } = departments[1];
      await expect(manager.grantRole(ADMIN_ROLE, head.address, 0))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerSeatHolder")
        .withArgs(head.address, 2n, ADMIN_ROLE);
      await expect(manager.grantRole(GUARDIAN_ROLE, official.address, 0))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerSeatHolder")
        .withArgs(official.address, 2n, GUARDIAN_ROLE);
    });

    it("grants a platform role once the seat is given up", async function () {
      const { manager, departments } = await loadFixture(departmentsFixture);
      const { head, official } = departments[1];
      await manager.connect(head).revokeRole(officialRole(2), official.address);
      await expect(manager.grantRole(GUARDIAN_ROLE, official.address, 0)).to.emit(manager, "RoleGranted");
    });
  });

  describe("bad grants and revokes", function () {
    it("reverts on granting any role to the zero address", async function () {
      const { manager } = await loadFixture(authorityFixture);
      await expect(manager.grantRole(GUARDIAN_ROLE, ethers.ZeroAddress, 0)).to.be.revertedWithCustomError(
        manager,
        "GovchainAccessManagerZeroAddress",
      );
    });

    it("reverts on revoking a role the account does not hold", async function () {
      const { manager, departments, outsider } = await loadFixture(departmentsFixture);
      await expect(manager.revokeRole(GUARDIAN_ROLE, outsider.address))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerNotMember")
        .withArgs(GUARDIAN_ROLE, outsider.address);
      await expect(manager.revokeRole(headRole(2), departments[0].head.address))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerNotMember")
        .withArgs(headRole(2), departments[0].head.address);
    });
  });
});
