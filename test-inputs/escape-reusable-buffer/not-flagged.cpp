// RUN: %check_clang_tidy %s escape-reusable-buffer %t

// No warning: the container leaves the iteration, does not grow, or reuse
// would be pointless or wrong.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

void use(const std::vector<int> &v);
void opaqueFill(std::vector<int> &v);
struct Lock {
  ~Lock();
};

// ---- No warning ----

// Moved into something each iteration: a transfer, not garbage.
void movedOut(int n, std::vector<std::vector<int>> &rows) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    rows.push_back(std::move(row));
  }
}

// Copied out as a whole.
void copiedOut(int n, std::vector<std::vector<int>> &rows) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    rows.push_back(row);
  }
}

// Copy-assigned to a variable that outlives the iteration.
void assignedOut(int n) {
  std::vector<int> last;
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    last = row;
  }
  use(last);
}

// Swapped with an outer container.
void swapped(int n, std::vector<int> &out) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    row.swap(out);
  }
}

// Its address is kept beyond the iteration.
void addressKept(int n) {
  const std::vector<int> *keep = nullptr;
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    keep = &row;
  }
  (void)keep;
}

// Captured by reference by a closure that outlives the iteration.
void capturedByOuterClosure(int n) {
  std::function<void()> f;
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    f = [&row] { use(row); };
  }
}

// Handed to a thread.
void thread(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    std::thread t([&row] { use(row); });
    t.detach();
  }
}

// Returned.
std::vector<int> returned(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    if (i > 3)
      return row;
  }
  return {};
}

// Reserved with a size that depends on the iteration.
void reservedPerIteration(const std::vector<int> &sizes) {
  for (int n : sizes) {
    std::vector<int> row;
    row.reserve(n);
    for (int j = 0; j < n; ++j)
      row.push_back(j);
    use(row);
  }
}

// A string whose content fits the small-string buffer by construction.
void smallString(int n) {
  for (int i = 0; i < n; ++i) {
    std::string s;
    s += 'a';
    s += "bcdefgh";
    s.push_back('x');
  }
}

// The loop runs at most once.
void atMostOnce() {
  for (int i = 0; i < 1; ++i) {
    std::vector<int> row;
    row.push_back(i);
    use(row);
  }
  do {
    std::vector<int> row;
    row.push_back(1);
    use(row);
  } while (false);
  while (true) {
    std::vector<int> row;
    row.push_back(1);
    use(row);
    break;
  }
}

// Elements whose destructor does more than free memory: reuse would delay it.
void elementsWithDestructors(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<Lock> locks;
    locks.emplace_back();
    std::vector<std::unique_ptr<Lock>> owned;
    owned.push_back(nullptr);
  }
}

// Never grown in the iteration.
void notGrown(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    use(row);
  }
}

// Filled by a callee whose body is not visible: it may keep the address.
void opaqueCallee(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    opaqueFill(row);
    use(row);
  }
}

// Not a container whose clear() keeps capacity.
void nodeBased(int n) {
  for (int i = 0; i < n; ++i) {
    std::map<int, int> m;
    m[i] = i;
  }
}

// Not default-constructed: clear() would not restore the initial value.
void constructedWithValue(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row(4, i);
    row.push_back(i);
    use(row);
  }
}

// Declared before the loop, static, or in the loop's init-statement.
void notPerIteration(int n) {
  std::vector<int> outer;
  for (int i = 0; i < n; ++i) {
    static std::vector<int> cache;
    cache.push_back(i);
    outer.push_back(i);
  }
  use(outer);
  for (std::vector<int> v; v.size() < 4;)
    v.push_back(1);
}

// Shrunk on purpose.
void shrunk(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    row.shrink_to_fit();
    use(row);
  }
}

// Copied by a lambda's capture.
void capturedByCopy(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    auto f = [row] { use(row); };
    f();
  }
}

std::vector<int> make(int i);

// Move-assigned from a temporary: the old buffer is freed anyway.
void moveAssigned(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row = make(i);
    row.push_back(i);
    use(row);
  }
}

// Copied out inside a pair.
void copiedIntoPair(int n, std::unordered_map<int, std::vector<int>> &m) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    m.insert({i, row});
  }
}

// Moved out through std::make_pair.
void movedThroughMakePair(int n, std::unordered_map<int, std::vector<int>> &m) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    m.insert(std::make_pair(i, std::move(row)));
  }
}
