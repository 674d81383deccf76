#include "app/widgets/code_window.h"

#include <algorithm>

#include "core/json.h"
#include "platform/platform.h"

void code_window(CodeWindow& w, const char* title, float ratio, pl::Result<std::string> (*make)(pl::CodeLang, const void*), const void* what) {
    if (!w.open) return;
    // The program follows the state on screen, every frame it is open.
    const pl::Result<std::string> made = make(w.lang, what);
    w.failed = !made.ok();
    w.text = made.ok() ? made.value : "No program for this state: " + made.error;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.92f, 760.0f * ratio), std::min(vp->WorkSize.y * 0.85f, 560.0f * ratio)), ImGuiCond_Appearing);
    if (ImGui::Begin(title, &w.open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        if (ImGui::BeginTabBar("languages")) {
            for (int i = 0; i < pl::kCodeLangCount; ++i) {
                const pl::CodeLang l = static_cast<pl::CodeLang>(i);
                if (ImGui::BeginTabItem(pl::code_lang_title(l))) {
                    w.lang = l;
                    ImGui::EndTabItem();
                }
            }
            ImGui::EndTabBar();
        }
        ImGui::BeginDisabled(w.failed);
        if (ImGui::Button("Copy")) platform::copy_text(w.text);
        ImGui::EndDisabled();
        w.copy_button = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) * 0.5f, (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f);
        ImGui::SameLine();
        ImGui::TextDisabled(w.lang == pl::CodeLang::TFJS   ? "Run with node (npm install @tensorflow/tfjs). It prints the output grid."
                            : w.lang == pl::CodeLang::Keras ? "Needs TensorFlow (pip install tensorflow). It prints the output grid."
                                                            : "Run with python3. It prints the output grid, as PoolLab shows it.");
        // Read-only text: it can be selected and scrolled, and Ctrl+C copies a part.
        ImGui::InputTextMultiline("##program", w.text.data(), w.text.size() + 1, ImVec2(-1, -1), ImGuiInputTextFlags_ReadOnly);
        // Esc closes it, as it closes the help.
        if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) w.open = false;
    }
    ImGui::End();
}

std::string code_window_json(const CodeWindow& w, float dpr) {
    pl::JsonWriter j;
    j.begin_object();
    j.key("open").value(w.open);
    j.key("lang").value(pl::code_lang_name(w.lang));
    j.key("text").value(w.open ? w.text : std::string());
    j.key("failed").value(w.failed);
    j.key("copy").begin_array().value(w.copy_button.x / dpr).value(w.copy_button.y / dpr).end_array();
    j.end_object();
    return j.str();
}
