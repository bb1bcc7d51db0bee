-- Neovim's built-in LSP client against `kaava lsp`: opens FILE, waits for
-- the diagnostics kaava publishes, asks for the definition at DEF_LINE and
-- DEF_COL (0-based), and writes what it got to OUT as JSON.
local env = function(name) return os.getenv(name) end
vim.cmd("edit " .. vim.fn.fnameescape(env("FILE")))
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({ name = "kaava", cmd = { env("KAAVA"), "lsp" }, root_dir = env("ROOT") })
vim.lsp.buf_attach_client(buf, client)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(diagnostics, { lnum = d.lnum, col = d.col, code = d.code, message = d.message, severity = d.severity })
end
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = tonumber(env("DEF_LINE")), character = tonumber(env("DEF_COL")) },
}
local answers = vim.lsp.buf_request_sync(buf, "textDocument/definition", params, 20000)
local definition = vim.NIL
for _, answer in pairs(answers or {}) do
  if answer.result then definition = answer.result end
end
local out = io.open(env("OUT"), "w")
out:write(vim.fn.json_encode({ diagnostics = diagnostics, definition = definition }))
out:close()
vim.lsp.stop_client(client)
vim.cmd("qa!")
