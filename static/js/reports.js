// Report form (แบบรายงานผลการดำเนินงาน): add and reorder rows, keep unsaved input on the server while typing,
// and warn before leaving with unsaved changes. The form works without this file.
(() => {
  "use strict";
  document.documentElement.classList.add("js");
  const form = document.getElementById("report-form");
  if (!form) return;
  const rowsBox = form.querySelector("[data-rows]");
  const total = form.querySelector('input[name="rows-TOTAL_FORMS"]');
  const template = document.getElementById("row-template");
  const status = document.getElementById("autosave-status");
  let timer = null;
  let changed = false;
  let leaving = false;

  function renumber() {
    rowsBox.querySelectorAll("[data-row]").forEach((row, i) => {
      const number = row.querySelector("[data-row-number]");
      if (number) number.textContent = String(i + 1);
      const order = row.querySelector("input.row-order");
      if (order) order.value = String(i + 1);
    });
  }

  function say(text, warn) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("warn", Boolean(warn));
  }

  function sessionLost(loginUrl) {
    if (!status) return;
    status.textContent = "";
    status.classList.add("warn");
    status.append("หมดเวลาเข้าสู่ระบบ ข้อมูลที่พิมพ์ยังอยู่ในหน้านี้ — ");
    const link = document.createElement("a");
    link.href = loginUrl;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "เข้าสู่ระบบในแท็บใหม่";
    status.append(link, " แล้วกลับมากดบันทึกร่าง");
  }

  async function autosave() {
    if (!changed || leaving) return;
    const data = new FormData(form);
    for (const key of [...new Set(data.keys())]) {
      if (data.getAll(key).some((value) => value instanceof File)) data.delete(key);
    }
    changed = false;
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST", body: data, credentials: "same-origin", redirect: "manual",
        headers: {"X-CSRFToken": data.get("csrfmiddlewaretoken") || ""},
      });
      if (response.ok) {
        const body = await response.json();
        say(`เก็บข้อความที่พิมพ์ไว้ชั่วคราวแล้ว เมื่อ ${body.saved_at} — กด “บันทึกร่าง” เพื่อบันทึกลงรายงาน`
            + (body.stale ? " (มีผู้อื่นบันทึกรายงานนี้หลังท่านเปิดแบบฟอร์ม)" : ""), body.stale);
      } else if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") {
        changed = true;
        let loginUrl = "/accounts/login/";
        try { loginUrl = (await response.json()).login_url || loginUrl; } catch (error) { /* not JSON */ }
        sessionLost(loginUrl);
      } else {
        changed = true;
        say("เก็บข้อความชั่วคราวไม่สำเร็จ ข้อมูลยังอยู่ในหน้านี้", true);
      }
    } catch (error) {
      changed = true;
      say("ติดต่อระบบไม่ได้ ข้อมูลยังอยู่ในหน้านี้ ระบบจะลองอีกครั้ง", true);
      clearTimeout(timer);
      timer = setTimeout(autosave, 15000);
    }
  }

  function touched() {
    changed = true;
    clearTimeout(timer);
    timer = setTimeout(autosave, 3000);
  }

  form.addEventListener("input", touched);
  form.addEventListener("change", touched);

  const addButton = form.querySelector("[data-add-row]");
  if (addButton && template && total) {
    addButton.addEventListener("click", (event) => {
      event.preventDefault();
      const index = parseInt(total.value, 10) || 0;
      rowsBox.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", String(index)));
      total.value = String(index + 1);
      renumber();
      // The new row may carry a file or link in this same post: offer it where a row is chosen.
      const count = String(rowsBox.querySelectorAll("[data-row]").length);
      form.querySelectorAll('select[name="evidence_row"], select[name="link_row"]').forEach((select) => {
        if (![...select.options].some((option) => option.value === count)) {
          select.add(new Option(`แถวที่ ${count}`, count));
        }
      });
      const field = rowsBox.lastElementChild.querySelector("textarea");
      if (field) field.focus();
      touched();
    });
  }

  rowsBox.addEventListener("click", (event) => {
    const button = event.target.closest("[data-move]");
    if (!button) return;
    const row = button.closest("[data-row]");
    if (button.dataset.move === "up" && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling);
    } else if (button.dataset.move === "down" && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row);
    }
    renumber();
    button.focus();
    touched();
  });

  form.addEventListener("submit", () => { leaving = true; clearTimeout(timer); });
  window.addEventListener("beforeunload", (event) => {
    if (changed && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
