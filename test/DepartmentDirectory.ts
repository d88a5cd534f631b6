import { expect } from "chai";
import { network } from "hardhat";

import { ADMIN_ROLE, GUARDIAN_ROLE, headRole, officialRole } from "../lib/departments.js";
import { deployAuthority, deployAuthorityWithDepartments } from "./helpers/authority.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

async function authorityFixture() {
  return deployAuthority(connection);
}

async function departmentsFixture() {
  return deployAuthorityWithDepartments(connection, 2);
}

async function sevenDepartmentsFixture() {
  return deployAuthorityWithDepartments(connection, 7);
}

describe("DepartmentDirectory", function () {
  describe("registerDepartment", function () {
    it("registers a department with its roles and emits DepartmentRegistered", async function () {
      const { directory } = await loadFixture(authorityFixture);
      await expect(directory.registerDepartment("SAMR", "市场监督管理局", "Market Regulation Bureau", "ipfs://samr"))
        .to.emit(directory, "DepartmentRegistered")
        .withArgs(1n, "SAMR", "市场监督管理局", "Market Regulation Bureau", "ipfs://samr", headRole(1), officialRole(1));
      const dept = await directory.department(1);
      expect(dept.id).to.equal(1n);
      expect(dept.code).to.equal("SAMR");
      expect(dept.nameZh).to.equal("市场监督管理局");
      expect(dept.nameEn).to.equal("Market Regulation Bureau");
      expect(dept.metadataURI).to.equal("ipfs://samr");
      expect(dept.active).to.equal(true);
      expect(dept.registeredAt).to.equal(BigInt(await time.latest()));
      expect(dept.head).to.equal(ethers.ZeroAddress);
      expect(dept.officialCount).to.equal(0n);
      expect(await directory.departmentCount()).to.equal(1n);
      expect((await directory.departmentByCode("SAMR")).id).to.equal(1n);
      expect(await directory.isActive(1)).to.equal(true);
      expect(await directory.headRole(1)).to.equal(headRole(1));
      expect(await directory.officialRole(1)).to.equal(officialRole(1));
      const periods = await directory.activePeriodsOf(1);
      expect(periods.length).to.equal(1);
      expect(periods[0].until).to.equal(0n);
    });

    it("accepts a department named only by its metadata URI", async function () {
      const { directory } = await loadFixture(authorityFixture);
      await expect(directory.registerDepartment("EDU", "", "", "ipfs://edu")).to.emit(directory, "DepartmentRegistered");
    });

    it("reverts on an empty code", async function () {
      const { directory } = await loadFixture(authorityFixture);
      await expect(directory.registerDepartment("", "x", "x", "")).to.be.revertedWithCustomError(
        directory,
        "DirectoryEmptyCode",
      );
    });

    for (const code of ["S", "samr", "SAMR BUREAU", "ABCDEFGHIJKLMNOPQ", "税务"]) {
      it(`reverts on the invalid code ${JSON.stringify(code)}`, async function () {
        const { directory } = await loadFixture(authorityFixture);
        await expect(directory.registerDepartment(code, "x", "x", ""))
          .to.be.revertedWithCustomError(directory, "DirectoryInvalidCode")
          .withArgs(code);
      });
    }

    it("accepts codes with digits, '-' and '_'", async function () {
      const { directory } = await loadFixture(authorityFixture);
      await directory.registerDepartment("GA-2_B", "x", "x", "");
      expect((await directory.departmentByCode("GA-2_B")).id).to.equal(1n);
    });

    it("reverts on a duplicate code and changes nothing", async function () {
      const { directory } = await loadFixture(authorityFixture);
      await directory.registerDepartment("TAX", "税务局", "Tax Bureau", "");
      await expect(directory.registerDepartment("TAX", "另一个", "Other", ""))
        .to.be.revertedWithCustomError(directory, "DirectoryDuplicateCode")
        .withArgs("TAX", 1n);
      expect(await directory.departmentCount()).to.equal(1n);
    });

    it("reverts when the department has no name and no metadata URI", async function () {
      const { directory } = await loadFixture(authorityFixture);
      await expect(directory.registerDepartment("PSB", "", "", ""))
        .to.be.revertedWithCustomError(directory, "DirectoryMissingName")
        .withArgs("PSB");
    });

    it("reverts for anyone but the platform administrator", async function () {
      const { directory, guardian } = await loadFixture(authorityFixture);
      await expect(directory.connect(guardian).registerDepartment("PSB", "公安局", "Public Security Bureau", ""))
        .to.be.revertedWithCustomError(directory, "AccessManagedUnauthorized")
        .withArgs(guardian.address);
    });
  });

  describe("updateDepartment", function () {
    it("changes the names and URI and emits DepartmentUpdated", async function () {
      const { directory } = await loadFixture(departmentsFixture);
      await expect(directory.updateDepartment(1, "市场监管局", "SAMR bureau", "ipfs://new"))
        .to.emit(directory, "DepartmentUpdated")
        .withArgs(1n, "市场监管局", "SAMR bureau", "ipfs://new");
      const dept = await directory.department(1);
      expect([dept.code, dept.nameZh, dept.nameEn, dept.metadataURI]).to.deep.equal([
        "SAMR",
        "市场监管局",
        "SAMR bureau",
        "ipfs://new",
      ]);
    });

    it("reverts for an unknown department", async function () {
      const { directory } = await loadFixture(departmentsFixture);
      await expect(directory.updateDepartment(9, "x", "x", ""))
        .to.be.revertedWithCustomError(directory, "DirectoryUnknownDepartment")
        .withArgs(9n);
    });

    it("reverts when every name is removed", async function () {
      const { directory } = await loadFixture(departmentsFixture);
      await expect(directory.updateDepartment(2, "", "", ""))
        .to.be.revertedWithCustomError(directory, "DirectoryMissingName")
        .withArgs("TAX");
    });

    it("reverts for a department head", async function () {
      const { directory, departments } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      await expect(directory.connect(head).updateDepartment(1, "x", "x", ""))
        .to.be.revertedWithCustomError(directory, "AccessManagedUnauthorized")
        .withArgs(head.address);
    });
  });

  describe("setDepartmentActive", function () {
    it("deactivation stops every official and the head at once; reactivation restores them", async function () {
      const { directory, departments } = await loadFixture(departmentsFixture);
      const [samr, tax] = departments;
      await expect(directory.setDepartmentActive(samr.id, false))
        .to.emit(directory, "DepartmentDeactivated")
        .withArgs(samr.id);
      expect(await directory.isOfficial(samr.id, samr.official.address)).to.equal(false);
      expect(await directory.isOfficial(samr.id, samr.head.address)).to.equal(false);
      expect(await directory.isHead(samr.id, samr.head.address)).to.equal(false);
      expect(await directory.isActive(samr.id)).to.equal(false);
      expect((await directory.department(samr.id)).active).to.equal(false);
      // Other departments are untouched.
      expect(await directory.isOfficial(tax.id, tax.official.address)).to.equal(true);

      await expect(directory.setDepartmentActive(samr.id, true))
        .to.emit(directory, "DepartmentReactivated")
        .withArgs(samr.id);
      expect(await directory.isOfficial(samr.id, samr.official.address)).to.equal(true);
      expect(await directory.isHead(samr.id, samr.head.address)).to.equal(true);
      expect((await directory.activePeriodsOf(samr.id)).length).to.equal(2);
    });

    it("reverts when the flag is unchanged", async function () {
      const { directory } = await loadFixture(departmentsFixture);
      await expect(directory.setDepartmentActive(1, true))
        .to.be.revertedWithCustomError(directory, "DirectoryDepartmentStatusUnchanged")
        .withArgs(1n, true);
      await directory.setDepartmentActive(1, false);
      await expect(directory.setDepartmentActive(1, false))
        .to.be.revertedWithCustomError(directory, "DirectoryDepartmentStatusUnchanged")
        .withArgs(1n, false);
    });

    it("reverts for an unknown department", async function () {
      const { directory } = await loadFixture(departmentsFixture);
      await expect(directory.setDepartmentActive(0, false))
        .to.be.revertedWithCustomError(directory, "DirectoryUnknownDepartment")
        .withArgs(0n);
    });

    it("reverts for anyone but the platform administrator", async function () {
      const { directory, departments } = await loadFixture(departmentsFixture);
      const { official } = departments[0];
      await expect(directory.connect(official).setDepartmentActive(1, false))
        .to.be.revertedWithCustomError(directory, "AccessManagedUnauthorized")
        .withArgs(official.address);
    });

    it("refuses new appointments while the department is inactive", async function () {
      const { directory, manager, departments, outsider } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      await directory.setDepartmentActive(1, false);
      await expect(manager.connect(head).grantRole(officialRole(1), outsider.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryDepartmentInactive")
        .withArgs(1n);
      expect((await directory.seatOf(outsider.address)).departmentId).to.equal(0n);
    });
  });

  describe("heads", function () {
    it("the administrator appoints a head through the manager and HeadAppointed is emitted", async function () {
      const { directory, manager, admin } = await loadFixture(authorityFixture);
      const spare = (await ethers.getSigners())[5];
      await directory.registerDepartment("FIN", "财政局", "Finance Bureau", "");
      const at = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(at);
      const tx = manager.grantRole(headRole(1), spare.address, 0);
      const since = at;
      await expect(tx).to.emit(directory, "HeadAppointed").withArgs(1n, spare.address, admin.address, since);
      await expect(tx).to.emit(manager, "RoleGranted").withArgs(headRole(1), spare.address, 0n, since, true);
      expect((await directory.department(1)).head).to.equal(spare.address);
      expect(await directory.isHead(1, spare.address)).to.equal(true);
      expect(await directory.isOfficial(1, spare.address)).to.equal(true);
      const seat = await directory.seatOf(spare.address);
      expect([seat.departmentId, seat.head]).to.deep.equal([1n, true]);
    });

    it("the administrator removes a head and HeadRemoved is emitted", async function () {
      const { directory, manager, admin, departments } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      await expect(manager.revokeRole(headRole(1), head.address))
        .to.emit(directory, "HeadRemoved")
        .withArgs(1n, head.address, admin.address);
      expect((await directory.department(1)).head).to.equal(ethers.ZeroAddress);
      expect(await directory.isHead(1, head.address)).to.equal(false);
    });

    it("a head can be appointed to an inactive department to remove its officials before reactivation", async function () {
      const { directory, manager, departments, outsider } = await loadFixture(departmentsFixture);
      const { head, official } = departments[0];
      await directory.setDepartmentActive(1, false);
      await manager.revokeRole(headRole(1), head.address);
      await expect(manager.grantRole(headRole(1), outsider.address, 0)).to.emit(directory, "HeadAppointed");
      expect(await directory.isHead(1, outsider.address)).to.equal(false);
      await expect(manager.connect(outsider).revokeRole(officialRole(1), official.address))
        .to.emit(directory, "OfficialRemoved")
        .withArgs(1n, official.address, outsider.address);
      await directory.setDepartmentActive(1, true);
      expect(await directory.isOfficial(1, official.address)).to.equal(false);
      expect(await directory.isHead(1, outsider.address)).to.equal(true);
    });

    it("reverts when the department already has a head", async function () {
      const { directory, manager, departments, outsider } = await loadFixture(departmentsFixture);
      await expect(manager.grantRole(headRole(1), outsider.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryHeadAlreadyAppointed")
        .withArgs(1n, departments[0].head.address);
    });

    it("reverts for an unknown department", async function () {
      const { directory, manager, outsider } = await loadFixture(departmentsFixture);
      await expect(manager.grantRole(headRole(42), outsider.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryUnknownDepartment")
        .withArgs(42n);
    });

    it("actingDepartmentOf names the department a head or official can act for now, else 0", async function () {
      const { directory, departments, outsider } = await loadFixture(departmentsFixture);
      const [samr, tax] = departments;
      expect(await directory.actingDepartmentOf(samr.head.address)).to.equal(samr.id);
      expect(await directory.actingDepartmentOf(tax.official.address)).to.equal(tax.id);
      expect(await directory.actingDepartmentOf(outsider.address)).to.equal(0n);
      await directory.setDepartmentActive(tax.id, false);
      expect(await directory.actingDepartmentOf(tax.official.address)).to.equal(0n);
    });

    it("reverts when a head tries to appoint a head", async function () {
      const { manager, departments, outsider } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      await expect(manager.connect(head).grantRole(headRole(2), outsider.address, 0))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(head.address, ADMIN_ROLE);
    });
  });

  describe("officials", function () {
    it("a head appoints an official and OfficialAppointed is emitted", async function () {
      const { directory, manager, departments, outsider } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      const at = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(at);
      const tx = manager.connect(head).grantRole(officialRole(1), outsider.address, 0);
      const since = at;
      await expect(tx).to.emit(directory, "OfficialAppointed").withArgs(1n, outsider.address, head.address, since);
      expect(await directory.isOfficial(1, outsider.address)).to.equal(true);
      expect(await directory.isHead(1, outsider.address)).to.equal(false);
      expect(await directory.officialsOf(1, 0, 10)).to.deep.equal([departments[0].official.address, outsider.address]);
      expect((await directory.department(1)).officialCount).to.equal(2n);
    });

    it("a head removes an official and OfficialRemoved is emitted", async function () {
      const { directory, manager, departments } = await loadFixture(departmentsFixture);
      const { head, official } = departments[0];
      await expect(manager.connect(head).revokeRole(officialRole(1), official.address))
        .to.emit(directory, "OfficialRemoved")
        .withArgs(1n, official.address, head.address);
      expect(await directory.isOfficial(1, official.address)).to.equal(false);
      expect(await directory.officialsOf(1, 0, 10)).to.deep.equal([]);
    });

    it("an official may resign by renouncing the role", async function () {
      const { directory, manager, departments } = await loadFixture(departmentsFixture);
      const { official } = departments[1];
      await expect(manager.connect(official).renounceRole(officialRole(2), official.address))
        .to.emit(directory, "OfficialRemoved")
        .withArgs(2n, official.address, official.address);
      expect(await directory.isOfficial(2, official.address)).to.equal(false);
    });

    it("reverts when the administrator (not the head) appoints an official", async function () {
      const { manager, admin, outsider } = await loadFixture(departmentsFixture);
      await expect(manager.grantRole(officialRole(1), outsider.address, 0))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(admin.address, headRole(1));
    });

    it("reverts when the head of another department appoints an official", async function () {
      const { manager, departments, outsider } = await loadFixture(departmentsFixture);
      const taxHead = departments[1].head;
      await expect(manager.connect(taxHead).grantRole(officialRole(1), outsider.address, 0))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(taxHead.address, headRole(1));
    });

    it("reverts when an official appoints another official", async function () {
      const { manager, departments, outsider } = await loadFixture(departmentsFixture);
      const { official } = departments[0];
      await expect(manager.connect(official).grantRole(officialRole(1), outsider.address, 0))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(official.address, headRole(1));
    });

    it("reverts when the account already serves another department (one seat per account)", async function () {
      const { directory, manager, departments } = await loadFixture(departmentsFixture);
      const [samr, tax] = departments;
      await expect(manager.connect(samr.head).grantRole(officialRole(1), tax.official.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryAlreadyServing")
        .withArgs(tax.official.address, 2n, false);
    });

    it("reverts when the account is already an official of the same department", async function () {
      const { directory, manager, departments } = await loadFixture(departmentsFixture);
      const { head, official } = departments[0];
      await expect(manager.connect(head).grantRole(officialRole(1), official.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryAlreadyServing")
        .withArgs(official.address, 1n, false);
    });

    it("reverts when a head appoints themself as an official", async function () {
      const { directory, manager, departments } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      await expect(manager.connect(head).grantRole(officialRole(1), head.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryAlreadyServing")
        .withArgs(head.address, 1n, true);
    });

    it("reverts on the zero address", async function () {
      const { manager, departments } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      await expect(
        manager.connect(head).grantRole(officialRole(1), ethers.ZeroAddress, 0),
      ).to.be.revertedWithCustomError(manager, "GovchainAccessManagerZeroAddress");
    });

    it("reverts when removing an account that is not an official", async function () {
      const { manager, departments, outsider } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      await expect(manager.connect(head).revokeRole(officialRole(1), outsider.address))
        .to.be.revertedWithCustomError(manager, "GovchainAccessManagerNotMember")
        .withArgs(officialRole(1), outsider.address);
    });

    it("a removed head can no longer appoint, and a new head takes over the department", async function () {
      const { directory, manager, departments, outsider, spare } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      await manager.revokeRole(headRole(1), head.address);
      await expect(manager.connect(head).grantRole(officialRole(1), outsider.address, 0))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(head.address, headRole(1));
      await manager.grantRole(headRole(1), spare[0].address, 0);
      await manager.connect(spare[0]).grantRole(officialRole(1), outsider.address, 0);
      expect(await directory.isOfficial(1, outsider.address)).to.equal(true);
    });
  });

  describe("point-in-time authority", function () {
    it("answers for every past time, across removal, reappointment and deactivation", async function () {
      const { directory, manager, departments } = await loadFixture(departmentsFixture);
      const { head, official } = departments[0];
      const appointedAt = (await directory.appointmentsOf(official.address))[0].from;

      await time.increase(100);
      await manager.connect(head).revokeRole(officialRole(1), official.address);
      const removedAt = BigInt(await time.latest());
      await time.increase(100);
      await manager.connect(head).grantRole(officialRole(1), official.address, 0);
      const reappointedAt = BigInt(await time.latest());
      await time.increase(100);
      await directory.setDepartmentActive(1, false);
      const deactivatedAt = BigInt(await time.latest());
      await time.increase(100);
      await directory.setDepartmentActive(1, true);
      const reactivatedAt = BigInt(await time.latest());

      const was = (t: bigint) => directory.wasOfficialAt(1, official.address, t);
      expect(await was(appointedAt - 1n)).to.equal(false);
      expect(await was(appointedAt)).to.equal(true);
      expect(await was(removedAt - 1n)).to.equal(true);
      expect(await was(removedAt)).to.equal(false);
      expect(await was(reappointedAt - 1n)).to.equal(false);
      expect(await was(reappointedAt)).to.equal(true);
      expect(await was(deactivatedAt - 1n)).to.equal(true);
      expect(await was(deactivatedAt)).to.equal(false);
      expect(await was(reactivatedAt - 1n)).to.equal(false);
      expect(await was(reactivatedAt)).to.equal(true);
      expect(await directory.wasOfficialAt(2, official.address, reactivatedAt)).to.equal(false);
      expect(await directory.wasActiveAt(1, deactivatedAt + 50n)).to.equal(false);
      expect(await directory.wasActiveAt(1, deactivatedAt - 50n)).to.equal(true);
      expect(await directory.wasActiveAt(9, reactivatedAt)).to.equal(false);

      const history = await directory.appointmentsOf(official.address);
      expect(history.length).to.equal(2);
      expect(history[0].until).to.equal(removedAt);
      expect(history[0].appointedBy).to.equal(head.address);
      expect(history[1].until).to.equal(0n);
    });

    it("removing an official never invalidates what they did while appointed", async function () {
      const { directory, manager, departments } = await loadFixture(departmentsFixture);
      const { head, official } = departments[1];
      await time.increase(10);
      const actedAt = BigInt(await time.latest());
      await manager.connect(head).revokeRole(officialRole(2), official.address);
      expect(await directory.isOfficial(2, official.address)).to.equal(false);
      expect(await directory.wasOfficialAt(2, official.address, actedAt)).to.equal(true);
    });

    it("a delayed grant counts only from the time it takes effect, and an early revoke leaves no service", async function () {
      const { directory, manager, outsider, departments, spare: spares } = await loadFixture(departmentsFixture);
      const { head } = departments[0];
      await manager.setGrantDelay(officialRole(1), 3600);
      await manager.connect(head).grantRole(officialRole(1), outsider.address, 0);
      const grantedAt = BigInt(await time.latest());
      expect(await directory.isOfficial(1, outsider.address)).to.equal(false);
      expect(await directory.wasOfficialAt(1, outsider.address, grantedAt)).to.equal(false);
      await time.increase(3600);
      expect(await directory.isOfficial(1, outsider.address)).to.equal(true);
      expect(await directory.wasOfficialAt(1, outsider.address, grantedAt + 3600n)).to.equal(true);

      await manager.connect(head).revokeRole(officialRole(1), outsider.address);
      const spare = spares[0];
      await manager.connect(head).grantRole(officialRole(1), spare.address, 0);
      await manager.connect(head).revokeRole(officialRole(1), spare.address);
      const [appointment] = await directory.appointmentsOf(spare.address);
      for (const t of [appointment.until - 1n, appointment.until, appointment.from, appointment.from + 1n]) {
        expect(await directory.wasOfficialAt(1, spare.address, t)).to.equal(false);
      }
    });
  });

  describe("listing", function () {
    it("pages through departments in id order", async function () {
      const { directory } = await loadFixture(sevenDepartmentsFixture);
      expect(await directory.departmentCount()).to.equal(7n);
      const first = await directory.listDepartments(0, 3);
      expect(first.map((d) => d.code)).to.deep.equal(["SAMR", "TAX", "PSB"]);
      const last = await directory.listDepartments(5, 3);
      expect(last.map((d) => d.code)).to.deep.equal(["MOHURD", "EDU"]);
      expect(await directory.listDepartments(7, 3)).to.deep.equal([]);
    });

    it("pages through officials", async function () {
      const { directory, manager, departments, spare } = await loadFixture(departmentsFixture);
      const { head, official } = departments[0];
      for (const s of spare.slice(0, 3)) await manager.connect(head).grantRole(officialRole(1), s.address, 0);
      expect(await directory.officialsOf(1, 1, 2)).to.deep.equal([spare[0].address, spare[1].address]);
      expect(await directory.officialsOf(1, 0, 1)).to.deep.equal([official.address]);
      expect(await directory.officialsOf(1, 10, 1)).to.deep.equal([]);
    });

    it("reverts on a page size of 0 or above 200", async function () {
      const { directory } = await loadFixture(departmentsFixture);
      await expect(directory.listDepartments(0, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryInvalidLimit")
        .withArgs(0n, 200n);
      await expect(directory.officialsOf(1, 0, 201))
        .to.be.revertedWithCustomError(directory, "DirectoryInvalidLimit")
        .withArgs(201n, 200n);
    });

    it("reverts on unknown departments and codes", async function () {
      const { directory } = await loadFixture(departmentsFixture);
      await expect(directory.officialsOf(3, 0, 1))
        .to.be.revertedWithCustomError(directory, "DirectoryUnknownDepartment")
        .withArgs(3n);
      await expect(directory.activePeriodsOf(3))
        .to.be.revertedWithCustomError(directory, "DirectoryUnknownDepartment")
        .withArgs(3n);
      await expect(directory.department(3))
        .to.be.revertedWithCustomError(directory, "DirectoryUnknownDepartment")
        .withArgs(3n);
      await expect(directory.departmentByCode("MNR"))
        .to.be.revertedWithCustomError(directory, "DirectoryUnknownCode")
        .withArgs("MNR");
      expect(await directory.isOfficial(0, ethers.ZeroAddress)).to.equal(false);
      expect(await directory.isActive(3)).to.equal(false);
    });
  });

  describe("the appointment history cannot be rewritten", function () {
    it("refuses to be pointed at another authority (AuthorityFixed), so the hooks stay with the deployed manager", async function () {
      const { manager, directory, admin } = await loadFixture(departmentsFixture);
      const evil = await ethers.deployContract("GovchainAccessManager", [admin.address, 0]);
      await expect(manager.updateAuthority(await directory.getAddress(), await evil.getAddress()))
        .to.be.revertedWithCustomError(directory, "AuthorityFixed")
        .withArgs(await manager.getAddress(), await evil.getAddress());
      await expect(directory.setAuthority(await evil.getAddress()))
        .to.be.revertedWithCustomError(directory, "AuthorityFixed")
        .withArgs(await manager.getAddress(), await evil.getAddress());
      expect(await directory.authority()).to.equal(await manager.getAddress());
    });

    it("refuses hook calls from any other manager, even one the administrator controls (DirectoryUnauthorizedHook)", async function () {
      const { directory, admin, spare } = await loadFixture(departmentsFixture);
      const evil = await ethers.deployContract("GovchainAccessManager", [admin.address, 0]);
      await evil.setDepartmentDirectory(await directory.getAddress());
      await expect(evil.grantRole(headRole(1), spare[0].address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryUnauthorizedHook")
        .withArgs(await evil.getAddress());
      expect(await directory.wasOfficialAt(1, spare[0].address, 1)).to.equal(false);
    });

    it("refuses an appointment that would start before the block granting it (DirectoryBackdatedAppointment)", async function () {
      const [, , hookCaller, account] = await ethers.getSigners();
      // A directory whose manager is an account, so the hook can be called with any `since`.
      const bare = await ethers.deployContract("DepartmentDirectory", [hookCaller.address]);
      const now = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(now);
      await expect(bare.connect(hookCaller).onDepartmentRoleGranted(officialRole(1), account.address, hookCaller.address, now - 1n))
        .to.be.revertedWithCustomError(bare, "DirectoryBackdatedAppointment")
        .withArgs(account.address, now - 1n, now);
      // From the granting block on, the check passes (and the next one, an unknown department, fails).
      await expect(bare.connect(hookCaller).onDepartmentRoleGranted(officialRole(1), account.address, hookCaller.address, now + 10n))
        .to.be.revertedWithCustomError(bare, "DirectoryUnknownDepartment")
        .withArgs(1n);
    });
  });

  describe("separation of duties", function () {
    it("refuses the administrator a department seat, so it cannot remove a head and approve in its place", async function () {
      const { manager, directory, admin, departments } = await loadFixture(departmentsFixture);
      await manager.revokeRole(headRole(1), departments[0].head.address);
      await expect(manager.grantRole(headRole(1), admin.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryPlatformRoleHolder")
        .withArgs(admin.address, ADMIN_ROLE);
      expect(await directory.actingDepartmentOf(admin.address)).to.equal(0n);
    });

    it("refuses the guardian a seat as head or official", async function () {
      const { manager, directory, guardian, departments } = await loadFixture(departmentsFixture);
      await expect(manager.connect(departments[0].head).grantRole(officialRole(1), guardian.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryPlatformRoleHolder")
        .withArgs(guardian.address, GUARDIAN_ROLE);
      await manager.revokeRole(headRole(2), departments[1].head.address);
      await expect(manager.grantRole(headRole(2), guardian.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryPlatformRoleHolder")
        .withArgs(guardian.address, GUARDIAN_ROLE);
    });

    it("refuses a seat to an account whose administrator grant is still waiting for its delay", async function () {
      const { manager, directory, departments, spare } = await loadFixture(departmentsFixture);
      await manager.setGrantDelay(ADMIN_ROLE, 3600);
      await time.increase(3600);
      await manager.grantRole(ADMIN_ROLE, spare[0].address, 0);
      expect((await manager.hasRole(ADMIN_ROLE, spare[0].address))[0]).to.equal(false);
      await expect(manager.connect(departments[0].head).grantRole(officialRole(1), spare[0].address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryPlatformRoleHolder")
        .withArgs(spare[0].address, ADMIN_ROLE);
    });
  });

  describe("treasuries", function () {
    it("lets the serving head set the department's treasury with TreasurySet", async function () {
      const { directory, departments, spare } = await loadFixture(departmentsFixture);
      expect(await directory.treasuryOf(1)).to.equal(ethers.ZeroAddress);
      await expect(directory.connect(departments[0].head).setTreasury(1, spare[0].address))
        .to.emit(directory, "TreasurySet")
        .withArgs(1n, spare[0].address, departments[0].head.address);
      expect(await directory.treasuryOf(1)).to.equal(spare[0].address);
      expect((await directory.department(1)).treasury).to.equal(spare[0].address);
    });

    it("reverts with DirectoryNotHead for an official, another department's head and the administrator", async function () {
      const { directory, departments, admin, spare } = await loadFixture(departmentsFixture);
      for (const caller of [departments[0].official, departments[1].head, admin]) {
        await expect(directory.connect(caller).setTreasury(1, spare[0].address))
          .to.be.revertedWithCustomError(directory, "DirectoryNotHead")
          .withArgs(1n, caller.address);
      }
    });

    it("reverts on the zero address, an unchanged treasury and an unknown department", async function () {
      const { directory, departments, spare } = await loadFixture(departmentsFixture);
      const head = departments[0].head;
      await expect(directory.connect(head).setTreasury(1, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        directory,
        "DirectoryZeroAddress",
      );
      await directory.connect(head).setTreasury(1, spare[0].address);
      await expect(directory.connect(head).setTreasury(1, spare[0].address))
        .to.be.revertedWithCustomError(directory, "DirectoryTreasuryUnchanged")
        .withArgs(1n, spare[0].address);
      await expect(directory.connect(head).setTreasury(9, spare[0].address))
        .to.be.revertedWithCustomError(directory, "DirectoryUnknownDepartment")
        .withArgs(9n);
      await expect(directory.treasuryOf(9)).to.be.revertedWithCustomError(directory, "DirectoryUnknownDepartment");
    });
  });

  describe("emergency pause", function () {
    it("while closed by the guardian refuses every restricted function, keeps views and appointments, and reopens by the administrator", async function () {
      const { manager, directory, guardian, departments, spare } = await loadFixture(departmentsFixture);
      const target = await directory.getAddress();
      await expect(manager.connect(guardian).setTargetClosed(target, true))
        .to.emit(manager, "TargetClosed")
        .withArgs(target, true);
      const head = departments[0].head;
      await expect(directory.connect(head).setTreasury(1, spare[0].address))
        .to.be.revertedWithCustomError(directory, "AccessManagedUnauthorized")
        .withArgs(head.address);
      await expect(directory.registerDepartment("EDU", "教育局", "Education Bureau", ""))
        .to.be.revertedWithCustomError(directory, "AccessManagedUnauthorized");
      expect(await directory.isOfficial(1, departments[0].official.address)).to.equal(true);
      // A compromised official can still be removed while the directory is paused.
      await expect(manager.connect(head).revokeRole(officialRole(1), departments[0].official.address))
        .to.emit(directory, "OfficialRemoved");
      await expect(manager.setTargetClosed(target, false)).to.emit(manager, "TargetClosed").withArgs(target, false);
      await expect(directory.connect(head).setTreasury(1, spare[0].address)).to.emit(directory, "TreasurySet");
    });
  });

  describe("role hooks", function () {
    it("reject callers other than the access manager", async function () {
      const { directory, outsider } = await loadFixture(departmentsFixture);
      await expect(directory.connect(outsider).onDepartmentRoleGranted(officialRole(1), outsider.address, outsider.address, 0))
        .to.be.revertedWithCustomError(directory, "DirectoryUnauthorizedHook")
        .withArgs(outsider.address);
      await expect(directory.connect(outsider).onDepartmentRoleRevoked(officialRole(1), outsider.address, outsider.address))
        .to.be.revertedWithCustomError(directory, "DirectoryUnauthorizedHook")
        .withArgs(outsider.address);
    });
  });
});
