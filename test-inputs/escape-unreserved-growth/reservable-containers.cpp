// RUN: %check_clang_tidy %s escape-unreserved-growth %t -- \
// RUN:   -config="{CheckOptions: {escape-unreserved-growth.ReservableContainers: 'my::SmallVec;::absl::flat_hash_map'}}"

// ReservableContainers adds classes with reserve(). Growth members inherited
// from a base class count (the anchor check misses them), and so does a class
// derived from a standard container.
#include <cstddef>
#include <vector>

namespace my {
template <class T> class SmallVecImpl {
public:
  void push_back(const T &);
  void reserve(std::size_t);
  std::size_t size() const;
};
template <class T, unsigned N = 4> class SmallVec : public SmallVecImpl<T> {};
} // namespace my

namespace absl {
template <class K, class V> class flat_hash_map {
public:
  typedef K key_type;
  typedef V mapped_type;
  V &operator[](const K &);
  void reserve(std::size_t);
  std::size_t size() const;
};
template <class K> class flat_hash_set {
public:
  void insert(const K &);
  void reserve(std::size_t);
};
} // namespace absl

struct Path : std::vector<int> {};

void custom(const std::vector<int> &in) {
  my::SmallVec<int> small;
  for (int x : in)
    small.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'small' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'small.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES: small.reserve(in.size());

  absl::flat_hash_map<int, int> index;
  for (std::size_t i = 0; i < in.size(); ++i)
    index[in[i]] = static_cast<int>(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'index' grows by 'operator[]' on each of 'in.size()' iterations without reserve; consider 'index.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES: index.reserve(in.size());

  Path path;
  for (int x : in)
    path.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'path' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'path.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES: path.reserve(in.size());

  // Not listed: not reported.
  absl::flat_hash_set<int> unlisted;
  for (int x : in)
    unlisted.insert(x);
}
