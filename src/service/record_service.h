// RecordService: create, read, update, list and archive any record kind for a
// signed-in Actor, plus the operations that keep history (a child's placement
// change, a parent's transfer) and derived views (siblings).
//
// Every call checks, in order: the role may use the kind at all (kForbidden),
// the record is in the actor's scope (kNotFound, so existence is not leaked),
// restricted fields (kForbidden naming the field), referenced records exist
// and are visible (kInvalidArgument naming the field), the kind's rules
// (kInvalidArgument), and that the written record is still inside the actor's
// scope (kForbidden). Each write is one transaction with its audit event.
// Thread-safe: holds no mutable state of its own.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "service/context.h"

namespace vinculo {

struct PlacementChange {
  std::string placement;  // the child placement enum
  std::string started_on;
  std::optional<long long> facility_id;
  std::optional<long long> home_id;
  std::optional<long long> organisation_id;  // absent: keep the current one
  std::string note;
  // An administrator's documented reason for living inside where the law or
  // the facility would refuse it (issue 15); absent: none.
  std::optional<std::string> coresidence_exception;
};

struct TransferRequest {
  long long to_facility_id = 0;
  std::string transferred_on;
  std::string reason;
};

class RecordService;

// Several writes in one transaction, with the same checks as the single
// calls: a CSV import or a rule-set load is all or nothing. Only valid inside
// RecordService::WriteBatch's callback.
class RecordBatch {
 public:
  Result<Record> Create(const RecordKind& kind, FieldValues values);
  // Active records of `kind` whose filterable `field` equals `value`, in the actor's scope.
  Result<std::vector<Record>> FindBy(const RecordKind& kind, std::string_view field,
                                     const Value& value);

 private:
  friend class RecordService;
  RecordBatch(const RecordService& service, Txn& txn, const Actor& actor)
      : service_(service), txn_(txn), actor_(actor) {}
  const RecordService& service_;
  Txn& txn_;
  const Actor& actor_;
};

class RecordService {
 public:
  explicit RecordService(ServiceContext context) : context_(context) {}

  Result<Record> Create(const Actor& actor, const RecordKind& kind, FieldValues values);
  // Registers a new parent of the child and links her as `relation`, in one
  // transaction: both writes with Create's checks, or neither (a refused link
  // leaves no parent behind). kNotFound when the caller cannot see the child.
  Result<Record> RegisterParentOf(const Actor& actor, long long child_id,
                                  const std::string& relation, FieldValues parent);
  // Runs `work` in one transaction; commits only if it returns OK.
  Status WriteBatch(const Actor& actor, const std::function<Status(RecordBatch&)>& work);
  Result<Record> Get(const Actor& actor, const RecordKind& kind, long long id);
  Result<Page> List(const Actor& actor, const RecordKind& kind, const ListQuery& query);
  // `expected_version` is the version the caller last read (If-Match).
  Result<Record> Update(const Actor& actor, const RecordKind& kind, long long id,
                        long long expected_version, FieldValues changes);
  Result<Record> SetArchived(const Actor& actor, const RecordKind& kind, long long id,
                             long long expected_version, bool archived);

  Result<std::vector<Placement>> Placements(const Actor& actor, long long child_id);
  // Closes the current placement on `change.started_on` and opens the new one.
  Result<Record> ChangePlacement(const Actor& actor, long long child_id, long long expected_version,
                                 const PlacementChange& change);
  Result<std::vector<Transfer>> Transfers(const Actor& actor, long long parent_id);
  Result<Record> TransferParent(const Actor& actor, long long parent_id, long long expected_version,
                                const TransferRequest& request);
  // Children who share a parent with `child_id` and whom the actor may see.
  struct Siblings {
    std::vector<Record> visible;
  };
  Result<Siblings> SiblingsOf(const Actor& actor, long long child_id);

  // Who read or changed a record, newest first. Administrators only, and only
  // for records in their scope.
  Result<std::vector<AuditEvent>> AuditTrail(const Actor& actor, const RecordKind& kind,
                                             long long id, int limit);

  // Removes what the actor may not read (restricted fields) and adds derived
  // values (a facility's occupancy_percent). Applied to every record returned.
  void Present(const Actor& actor, const RecordKind& kind, Record& record) const;

 private:
  friend class RecordBatch;
  // The checks and writes of Create, inside an open transaction.
  Result<Record> CreateIn(Txn& txn, const Actor& actor, const RecordKind& kind,
                          FieldValues values) const;
  Status CheckKindAccess(const Actor& actor, const RecordKind& kind, Access needed) const;
  Status CheckReferences(Txn& txn, const Actor& actor, const RecordKind& kind,
                         const FieldValues& values) const;
  void ApplyScopeDefaults(const Actor& actor, const RecordKind& kind, FieldValues& values) const;
  void AuditLinkRead(const Actor& actor, const RecordKind& kind, const Record& record,
                     const char* action) const;
  AuditEvent Event(const Actor& actor, const char* action, const RecordKind& kind, long long id,
                   std::string detail = {}) const;

  ServiceContext context_;
};

}  // namespace vinculo
