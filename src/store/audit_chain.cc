// The audit log as a hash chain (issue 13, migration 14).
//
// Every event gets chain_seq = the previous event's + 1 and
//   chain_hash = hex(BLAKE2b-256(previous hash, chain_seq, at, user_id,
//                                username, action, record_kind, record_id,
//                                remote_address, detail))
// with every field length-prefixed, so no two events serialise alike. The
// last seq and hash live in audit_chain_head's one row; an append first
// updates that row, so that on PostgreSQL concurrent writers queue there
// (SQLite's writers are already one at a time).
//
// What it proves: an event edited in place, inserted without its place, or
// deleted from the middle breaks the chain where it happened, and
// VerifyAuditChain names the event. What it cannot prove alone: someone with
// write access who rewrites the whole chain from the edit onward; the last
// hash (the head) copied elsewhere from time to time closes that gap
// (docs/security.md).
#include <soci/soci.h>
#include <sodium.h>

#include <array>
#include <string>
#include <vector>

#include "store/bulk_insert.h"
#include "store/sql_util.h"
#include "store/store.h"

namespace vinculo {
namespace {

void AddField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out.append(field.data(), field.size());
}

std::string ChainHash(const std::string& previous, long long seq, const AuditEvent& event) {
  std::string text;
  text.reserve(256);
  AddField(text, previous);
  AddField(text, std::to_string(seq));
  AddField(text, event.at);
  AddField(text, std::to_string(event.user_id));
  AddField(text, event.username);
  AddField(text, event.action);
  AddField(text, event.record_kind);
  AddField(text, std::to_string(event.record_id));
  AddField(text, event.remote_address);
  AddField(text, event.detail);
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

// "INSERT INTO audit_events (...) VALUES (...)" of `event` at `seq` with
// `hash`, its values added to `params` in the order of the columns (one
// statement each: the operands of + are evaluated in no fixed order), so that
// the statement cache's slots 0 to 9 are at, user_id, username, action,
// record_kind, record_id, remote_address, detail, chain_seq and chain_hash.
std::string AuditInsert(store_internal::Params& params, const AuditEvent& event, long long seq,
                        const std::string& hash) {
  std::vector<std::string> names;
  names.push_back(params.Add(event.at));
  names.push_back(params.AddInteger(event.user_id));
  names.push_back(params.Add(event.username));
  names.push_back(params.Add(event.action));
  names.push_back(params.Add(event.record_kind));
  names.push_back(params.AddInteger(event.record_id));
  names.push_back(params.Add(event.remote_address));
  names.push_back(params.Add(event.detail));
  names.push_back(params.AddInteger(seq));
  names.push_back(params.Add(hash));
  std::string insert =
      "INSERT INTO audit_events (at, user_id, username, action, record_kind, record_id, "
      "remote_address, detail, chain_seq, chain_hash) VALUES (";
  for (size_t name_idx = 0; name_idx < names.size(); ++name_idx) {
    insert += (name_idx ? ", " : "") + names[name_idx];
  }
  return insert + ")";
}

}  // namespace

Status Txn::AppendAudit(const std::vector<AuditEvent>& events) {
  if (events.empty()) return Status::Ok();
  // On PostgreSQL each statement is a round trip to the server: a batch goes
  // in as one INSERT ... SELECT FROM unnest (issue 14: a list's 50 read events
  // one by one held the audit writer, and so the lists, to 120 a second).
  if (engine_ == Engine::kPostgres && events.size() > 1) return AppendAuditInBulk(*this, events);
  store_internal::StatementCache* cache = statement_cache();
  if (cache == nullptr) return Internal("the audit log is written through a pooled connection");
  try {
    // Every statement is kept prepared by the connection's statement cache:
    // at thousands of reads a second, preparing each INSERT again was most of
    // the audit's cost, and a quarter of a single write's.
    // The head's row lock is taken first (PostgreSQL), as it is read: one line.
    store_internal::Params none;
    long long seq = 0;
    std::string hash;
    auto read_head = [&](const soci::row& row) {
      seq = store_internal::GetInteger(row, 0);
      hash = store_internal::GetText(row, 1);
    };
    VINCULO_RETURN_IF_ERROR(store_internal::EachRowOf(
        *this, "UPDATE audit_chain_head SET seq = seq WHERE id = 1 RETURNING seq, hash", none,
        read_head));
    if (engine_ == Engine::kPostgres) {
      // One event: its row and the head's move in one statement, the write's
      // second and last round trip for its audit (its head's lock is held
      // from the first to the commit, so every round trip here is one no
      // other writer can overlap).
      const AuditEvent& event = events.front();
      hash = ChainHash(hash, ++seq, event);
      store_internal::Params params;
      std::string append = "WITH appended AS (" + AuditInsert(params, event, seq, hash) + ") ";
      append += "UPDATE audit_chain_head SET seq = " + params.AddInteger(seq);
      append += ", hash = " + params.Add(hash) + " WHERE id = 1";
      store_internal::ExecuteWith(*this, append, params);
      return Status::Ok();
    }
    // The INSERT is prepared (or found) with the first event's values and
    // executed again per event with the slots set: at a list's 50 read events
    // a request, building each event's statement text was the writer's cost.
    store_internal::Params params;
    const std::string insert = AuditInsert(params, events.front(), seq + 1, std::string());
    store_internal::StatementCache::Prepared& prepared =
        cache->Keep(sql_, insert, params, /*rows=*/false);
    try {
      auto& slots = prepared.slots;
      for (const AuditEvent& event : events) {
        const long long row_seq = ++seq;
        hash = ChainHash(hash, row_seq, event);
        slots[0].text = event.at;
        slots[1].whole = event.user_id;
        slots[2].text = event.username;
        slots[3].text = event.action;
        slots[4].text = event.record_kind;
        slots[5].whole = event.record_id;
        slots[6].text = event.remote_address;
        slots[7].text = event.detail;
        slots[8].whole = row_seq;
        slots[9].text = hash;
        prepared.statement->execute(true);
      }
    } catch (...) {
      cache->Forget(prepared);
      throw;
    }
    store_internal::Params head;
    const std::string update = "UPDATE audit_chain_head SET seq = " + head.AddInteger(seq) +
                               ", hash = " + head.Add(hash) + " WHERE id = 1";
    store_internal::ExecuteWith(*this, update, head);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "writing the audit log");
  }
}

Status AppendAuditInBulk(Txn& txn, const std::vector<AuditEvent>& events) {
  if (events.empty()) return Status::Ok();
  long long seq = 0;
  std::string hash;
  try {
    // The head's row lock first, as AppendAudit takes it, and read with it.
    txn.session() << "UPDATE audit_chain_head SET seq = seq WHERE id = 1 RETURNING seq, hash",
        soci::into(seq), soci::into(hash);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading the audit chain's head");
  }
  std::vector<std::string> at, username, action, record_kind, remote_address, detail, hashes;
  std::vector<long long> user_id, record_id, seqs;
  for (const AuditEvent& event : events) {
    hash = ChainHash(hash, ++seq, event);
    at.push_back(event.at);
    user_id.push_back(event.user_id);
    username.push_back(event.username);
    action.push_back(event.action);
    record_kind.push_back(event.record_kind);
    record_id.push_back(event.record_id);
    remote_address.push_back(event.remote_address);
    detail.push_back(event.detail);
    seqs.push_back(seq);
    hashes.push_back(hash);
  }
  BulkTable rows{"audit_events",
                 {{"at", std::move(at)},
                  {"user_id", std::move(user_id)},
                  {"username", std::move(username)},
                  {"action", std::move(action)},
                  {"record_kind", std::move(record_kind)},
                  {"record_id", std::move(record_id)},
                  {"remote_address", std::move(remote_address)},
                  {"detail", std::move(detail)},
                  {"chain_seq", std::move(seqs)},
                  {"chain_hash", std::move(hashes)}}};
  VINCULO_RETURN_IF_ERROR(BulkInsert(txn, rows));
  try {
    txn.session() << "UPDATE audit_chain_head SET seq = :seq, hash = :hash WHERE id = 1",
        soci::use(seq), soci::use(hash);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "moving the audit chain's head");
  }
}

Result<long long> Txn::VerifyAuditChain() {
  try {
    // The head first: a server that appends while this runs moves the head
    // and adds events after it, and those events are read below (a later
    // snapshot) and checked as the chain's continuation. Read last, the head
    // could be ahead of the events read, and a live log would look cut.
    long long head_seq = 0;
    std::string head_hash;
    sql_ << "SELECT seq, hash FROM audit_chain_head WHERE id = 1", soci::into(head_seq),
        soci::into(head_hash);
    std::string hash_at_head;  // the chain's hash at place head_seq
    soci::rowset<soci::row> rows =
        (sql_.prepare << "SELECT id, at, user_id, username, action, record_kind, record_id, "
                         "remote_address, detail, chain_seq, chain_hash FROM audit_events "
                         "ORDER BY id");
    long long expected_seq = 1;
    std::string previous;
    bool chained = false;  // events before migration 14 carry no chain
    long long checked = 0;
    auto broken = [](const std::string& message) {
      return Status(StatusCode::kMalformed, "the audit log was tampered with: " + message);
    };
    for (const soci::row& row : rows) {
      const long long id = store_internal::GetInteger(row, 0);
      const bool has_chain = row.get_indicator(9) != soci::i_null;
      if (!has_chain) {
        if (chained) return broken("event " + std::to_string(id) + " was inserted (no chain)");
        continue;
      }
      chained = true;
      AuditEvent event;
      event.at = store_internal::GetText(row, 1);
      event.user_id = store_internal::GetInteger(row, 2);
      event.username = store_internal::GetText(row, 3);
      event.action = store_internal::GetText(row, 4);
      event.record_kind = store_internal::GetText(row, 5);
      event.record_id = store_internal::GetInteger(row, 6);
      event.remote_address = store_internal::GetText(row, 7);
      event.detail = store_internal::GetText(row, 8);
      const long long seq = store_internal::GetInteger(row, 9);
      const std::string stored = store_internal::GetText(row, 10);
      if (seq > expected_seq) {
        return broken("events " + std::to_string(expected_seq) + " to " + std::to_string(seq - 1) +
                      " of the chain were deleted (before event " + std::to_string(id) + ")");
      }
      if (seq < expected_seq) {
        return broken("event " + std::to_string(id) + " was inserted (its place " +
                      std::to_string(seq) + " in the chain is taken)");
      }
      if (ChainHash(previous, seq, event) != stored) {
        return broken("event " + std::to_string(id) + " was edited");
      }
      previous = stored;
      if (seq == head_seq) hash_at_head = stored;
      ++expected_seq;
      ++checked;
    }
    if (head_seq > expected_seq - 1) {
      return broken("the last " + std::to_string(head_seq - (expected_seq - 1)) +
                    " events of the chain were deleted");
    }
    if (head_seq > 0 && head_hash != hash_at_head) {
      return broken("the chain's head does not match event " + std::to_string(head_seq) +
                    " of the chain");
    }
    return checked;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "verifying the audit log");
  }
}

}  // namespace vinculo
