#include "escape/EscapeAnalyzer.h"
namespace clang::escape {
struct EscapeAnalyzer::Memoized::Impl {};
EscapeAnalyzer::Memoized::Memoized() : State(std::make_unique<Impl>()) {}
EscapeAnalyzer::Memoized::~Memoized() = default;
void EscapeAnalyzer::Memoized::clear() { State = std::make_unique<Impl>(); }
EscapeAnalyzer::EscapeAnalyzer(ASTContext &Ctx, Memoized &Cache, Options Opts)
    : Ctx(Ctx), Cache(Cache), Opts(Opts) {}
std::optional<AllocationSite> EscapeAnalyzer::allocationSite(const Expr &) { return std::nullopt; }
std::vector<AllocationSite> EscapeAnalyzer::allocationSites(const FunctionDecl &) { return {}; }
std::optional<Witness> EscapeAnalyzer::findEscape(const AllocationSite &) { return std::nullopt; }
} // namespace clang::escape
