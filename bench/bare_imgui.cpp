// The baseline for the first-frame benchmark: a bare Dear ImGui window on
// GLFW + WebGL2, built with PoolLab's web flags, that tells the page when its
// first frame is drawn (bench/first_frame.mjs compares the two).
#include <emscripten.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

namespace {
GLFWwindow* g_window = nullptr;
int g_frames = 0;

void frame() {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ImGui::Begin("Bare");
    ImGui::TextUnformatted("A bare Dear ImGui window");
    ImGui::End();
    ImGui::Render();
    int w, h;
    glfwGetFramebufferSize(g_window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.98f, 0.98f, 0.97f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (++g_frames == 1) EM_ASM({ window["firstFrameAt"] = performance.now(); });
}
}  // namespace

int main() {
    glfwInit();
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    g_window = glfwCreateWindow(1280, 800, "bare", nullptr, nullptr);
    glfwMakeContextCurrent(g_window);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_main_loop(frame, 0, true);
}
